namespace Mamori.Domain;

/// <summary>Scores a diagnosis. Pure: the same answers and catalogue always give the same result.
/// <list type="bullet">
/// <item>Each applicable scored item gives weight × fraction (はい 1, 一部 0.5, いいえ・わからない・未回答 0,
/// a choice its option's score, a number its threshold's score); 該当しない leaves the item out.</item>
/// <item>Section and total scores are 100 × Σ(weight × fraction) / Σ weight, rounded half away from zero.</item>
/// <item>Gaps are the items below full marks, decisive ones first, then by weight × shortfall, then
/// those evidencing 秘密管理性, then catalogue order.</item>
/// </list></summary>
public static class DiagnosisScoring
{
    public static ScoreBand BandOf(int total) => total switch
    {
        >= 85 => ScoreBand.Good,
        >= 65 => ScoreBand.Fair,
        >= 40 => ScoreBand.Weak,
        _ => ScoreBand.Critical,
    };

    public static DiagnosisResult Score(
        IReadOnlyList<CatalogueSection> sections,
        IReadOnlyList<CatalogueItem> items,
        IReadOnlyDictionary<string, string> answers,
        DiagnosisScope scope)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(scope);

        var applicable = items.Where(i => i.AppliesTo(scope)).OrderBy(i => SectionOrder(sections, i.SectionKey)).ThenBy(i => i.Order).ToList();
        double earned = 0, possible = 0;
        var sectionScores = new List<SectionScore>();
        var gaps = new List<Gap>();
        var evidence = new List<EvidenceLine>();
        var answered = 0;

        foreach (var section in sections.OrderBy(s => s.Order))
        {
            double sEarned = 0, sPossible = 0;
            int sApplicable = 0, sAnswered = 0;
            foreach (var item in applicable.Where(i => i.SectionKey == section.Key))
            {
                sApplicable++;
                answers.TryGetValue(item.Key, out var value);
                if (!string.IsNullOrEmpty(value))
                {
                    sAnswered++;
                }
                var fraction = item.Fraction(value);
                if (fraction is not { } f)
                {
                    // 該当しない cannot remove evidence that decides protection: it stays in the check as unknown.
                    if (item.Decisive && item.Requirement == LegalRequirement.SecrecyManagement && value == ScaleAnswers.NotApplicable)
                    {
                        evidence.Add(new EvidenceLine(item, value, EvidenceState.Unknown));
                    }
                    continue;
                }
                sEarned += item.Weight * f;
                sPossible += item.Weight;
                if (f < 1)
                {
                    gaps.Add(new Gap(item, value, f, item.Weight * (1 - f)));
                }
                if (item.Requirement == LegalRequirement.SecrecyManagement)
                {
                    evidence.Add(new EvidenceLine(item, value, EvidenceOf(value, f)));
                }
            }
            answered += sAnswered;
            earned += sEarned;
            possible += sPossible;
            sectionScores.Add(new SectionScore(section, sPossible > 0 ? Percent(sEarned, sPossible) : null, sApplicable, sAnswered));
        }

        var total = possible > 0 ? Percent(earned, possible) : 0;
        var ordered = gaps
            .OrderByDescending(g => g.Item.Decisive)
            .ThenByDescending(g => g.Priority)
            .ThenByDescending(g => g.Item.Requirement == LegalRequirement.SecrecyManagement)
            .ThenBy(g => SectionOrder(sections, g.Item.SectionKey))
            .ThenBy(g => g.Item.Order)
            .ToList();
        return new DiagnosisResult(total, BandOf(total), sectionScores, ordered, evidence, applicable, answered, possible > 0);
    }

    private static EvidenceState EvidenceOf(string? value, double fraction) =>
        string.IsNullOrEmpty(value) || value == ScaleAnswers.Unknown ? EvidenceState.Unknown
        : fraction >= 1 ? EvidenceState.Present
        : fraction > 0 ? EvidenceState.Partial
        : EvidenceState.Missing;

    private static int Percent(double earned, double possible) =>
        (int)Math.Round(100 * earned / possible, MidpointRounding.AwayFromZero);

    private static int SectionOrder(IReadOnlyList<CatalogueSection> sections, string key)
    {
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i].Key == key)
            {
                return sections[i].Order;
            }
        }
        return int.MaxValue;
    }
}
