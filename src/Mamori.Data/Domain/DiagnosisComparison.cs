namespace Mamori.Domain;

/// <summary>Compares a later hearing with an earlier one. Items are matched by their stable id, so the
/// two may use different catalogue versions; sections by key.</summary>
public static class DiagnosisComparison
{
    public static Reassessment Compare(
        DiagnosisResult before, IReadOnlyDictionary<string, string> answersBefore,
        DiagnosisResult after, IReadOnlyDictionary<string, string> answersAfter)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(answersBefore);
        ArgumentNullException.ThrowIfNull(answersAfter);
        var beforeSections = before.Sections.ToDictionary(s => s.Section.Key, StringComparer.Ordinal);
        var sections = after.Sections
            .Select(s => new SectionDelta(s.Section, beforeSections.TryGetValue(s.Section.Key, out var b) ? b.Score : null, s.Score))
            .ToList();
        var beforeItems = before.Applicable.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var changes = new List<AnswerChange>();
        foreach (var item in after.Applicable)
        {
            answersAfter.TryGetValue(item.Key, out var now);
            answersBefore.TryGetValue(item.Key, out var then);
            if (!beforeItems.TryGetValue(item.Key, out var old))
            {
                continue;
            }
            if (!string.Equals(now ?? "", then ?? "", StringComparison.Ordinal))
            {
                changes.Add(new AnswerChange(item, then, now, old.Fraction(then), item.Fraction(now)));
            }
        }
        return new Reassessment(before.Total, after.Total, sections, changes);
    }
}
