namespace Mamori.Web.Data;

/// <summary>One broken rule of a catalogue: which item (stable id), which field, what is wrong.</summary>
public sealed record CatalogueError(string? ItemKey, string Field, string Message)
{
    public override string ToString() => $"{ItemKey ?? "-"} {Field}: {Message}";
}
