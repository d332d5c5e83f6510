namespace Mamori.Web.Pages.Diagnoses;

/// <summary>A problem with a posted answer set. <see cref="Message"/> is the Japanese format (the localizer's key) and
/// <see cref="Arguments"/> fill it; with <see cref="Prefixed"/> the item key is shown before it ("Q1: …").</summary>
[FeatureApi]
public sealed record AnswerError(string ItemKey, string Message, IReadOnlyList<object>? Arguments = null, bool Prefixed = false)
{
    public object[] FormatArguments => [.. Arguments ?? []];
}
