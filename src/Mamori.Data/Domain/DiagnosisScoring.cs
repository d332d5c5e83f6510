namespace Mamori.Domain;

/// <summary>Score bands, in the spirit of IPA's self-diagnosis (a 100-point total read in four bands).</summary>
public enum ScoreBand
{
    /// <summary>85–100.</summary>
    Good = 0,
    /// <summary>65–84.</summary>
    Fair = 1,
    /// <summary>40–64.</summary>
    Weak = 2,
    /// <summary>0–39.</summary>
    Critical = 3,
}

/// <summary>How well the evidence for 秘密管理性 stands for one item.</summary>
public enum EvidenceState
{
    /// <summary>あり.</summary>
    Present = 0,
    /// <summary>一部.</summary>
    Partial = 1,
    /// <summary>なし.</summary>
    Missing = 2,
    /// <summary>不明（わからない・未回答）.</summary>
    Unknown = 3,
}

public sealed record SectionScore(CatalogueSection Section, int? Score, int Applicable, int Answered);

public sealed record Gap(CatalogueItem Item, string? Value, double Fraction, double Priority)
{
    public double Shortfall => 1 - Fraction;
}

public sealed record EvidenceLine(CatalogueItem Item, string? Value, EvidenceState State);

/// <summary>The result of scoring one set of answers against one catalogue version.</summary>
public sealed record DiagnosisResult(
    int Total,
    ScoreBand Band,
    IReadOnlyList<SectionScore> Sections,
    IReadOnlyList<Gap> Gaps,
    IReadOnlyList<EvidenceLine> SecrecyEvidence,
    IReadOnlyList<CatalogueItem> Applicable,
    int Answered,
    bool HasScore = true)
{
    public int Unanswered => Applicable.Count - Answered;

    public int EvidenceCount(EvidenceState state) => SecrecyEvidence.Count(e => e.State == state);

    /// <summary>Missing or unknown evidence on a decisive item: courts may not see the information as managed as secret.</summary>
    public bool SecrecyAtRisk => SecrecyEvidence.Count == 0 || SecrecyEvidence.Any(e => e.Item.Decisive && e.State is EvidenceState.Missing or EvidenceState.Unknown)
        || SecrecyEvidence.Count(e => e.State == EvidenceState.Present) * 2 < SecrecyEvidence.Count;
}

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

public sealed record AnswerChange(CatalogueItem Item, string? Before, string? After, double? FractionBefore, double? FractionAfter)
{
    public bool Improved => (FractionAfter ?? 0) > (FractionBefore ?? 0);
    public bool Worsened => (FractionAfter ?? 0) < (FractionBefore ?? 0);
}

public sealed record SectionDelta(CatalogueSection Section, int? Before, int? After)
{
    public int? Delta => Before is { } b && After is { } a ? a - b : null;
}

public sealed record Reassessment(
    int TotalBefore,
    int TotalAfter,
    IReadOnlyList<SectionDelta> Sections,
    IReadOnlyList<AnswerChange> Changes)
{
    public int TotalDelta => TotalAfter - TotalBefore;
}

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
