namespace Mamori.Web.Pages.Diagnoses;

/// <summary>Answers posted from a diagnosis form: a[ITEM]=value, note[ITEM]=expert note, chg[ITEM]=on.</summary>
[FeatureApi]
public sealed record PostedAnswers(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Notes,
    IReadOnlySet<string> ChangedByExpert)
{
    public static PostedAnswers From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, raw) in form)
        {
            var value = raw.Count > 0 ? raw[^1] ?? "" : "";
            if (TryKey(name, "a[", out var key))
            {
                values[key] = value.Trim();
            }
            else if (TryKey(name, "note[", out key))
            {
                notes[key] = value.Trim();
            }
            else if (TryKey(name, "chg[", out key) && value is "on" or "true")
            {
                changed.Add(key);
            }
        }
        return new PostedAnswers(values, notes, changed);
    }

    private static bool TryKey(string name, string prefix, out string key)
    {
        key = "";
        if (name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(']') && name.Length > prefix.Length + 1)
        {
            key = name[prefix.Length..^1];
            return true;
        }
        return false;
    }
}
