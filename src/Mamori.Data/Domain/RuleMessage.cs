namespace Mamori.Domain;

/// <summary>A broken rule reported as a value rather than thrown: <see cref="Format"/> is the Japanese text with
/// {0}-style placeholders (the localizer's key), <see cref="Arguments"/> fill it. The Web layer localizes both.</summary>
public sealed record RuleMessage(string Format, params object[] Arguments);
