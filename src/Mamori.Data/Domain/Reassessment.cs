namespace Mamori.Domain;

public sealed record Reassessment(
    int TotalBefore,
    int TotalAfter,
    IReadOnlyList<SectionDelta> Sections,
    IReadOnlyList<AnswerChange> Changes)
{
    public int TotalDelta => TotalAfter - TotalBefore;
}
