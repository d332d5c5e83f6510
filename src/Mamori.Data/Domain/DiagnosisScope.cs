using System.Globalization;

namespace Mamori.Domain;

/// <summary>Which bases the company has (country → employees at the base, if known). Country items
/// are asked only for these.</summary>
public sealed class DiagnosisScope
{
    public DiagnosisScope(IReadOnlyDictionary<string, int?> bases) => Bases = bases;

    public IReadOnlyDictionary<string, int?> Bases { get; }

    public static DiagnosisScope None { get; } = new(new Dictionary<string, int?>());

    /// <summary>"CN=120;TH=15;VN" (headcount optional).</summary>
    public static DiagnosisScope Parse(string? text)
    {
        var bases = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            bases[kv[0].ToUpperInvariant()] = kv.Length == 2 && int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        return new DiagnosisScope(bases);
    }

    public override string ToString() =>
        string.Join(';', Bases.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => b.Value is { } n ? $"{b.Key}={n.ToString(CultureInfo.InvariantCulture)}" : b.Key));
}
