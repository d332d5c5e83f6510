namespace Mamori.Domain;

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
