using Mamori.Domain;

namespace Mamori.Web.Data;

/// <summary>One broken rule of a catalogue: which item (stable id), which field, what is wrong (a Japanese format and
/// its arguments, localized where it is shown).</summary>
public sealed record CatalogueError(string? ItemKey, string Field, RuleMessage Message)
{
    public override string ToString() => $"{ItemKey ?? "-"} {Field}: {Message.Format}";
}
