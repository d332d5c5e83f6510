namespace Mamori.Domain;

/// <summary>One measure of an engagement's improvement plan (改善計画), usually from a gap of a hearing.
/// Its status is what the closing questionnaire and the annual report count.</summary>
public class PlanItem : IVersioned
{
    public int Id { get; set; }
    public int EngagementId { get; set; }
    public int? DiagnosisId { get; set; }
    /// <summary>The catalogue item (stable id) the measure answers, if any.</summary>
    public string ItemKey { get; set; } = "";
    [SensitiveText]
    public required string Measure { get; set; }
    public string Owner { get; set; } = "";
    public DateOnly? DueDate { get; set; }
    public PlanPriority Priority { get; set; } = PlanPriority.Medium;
    public PlanItemStatus Status { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
    /// <summary>What shows the measure is in place (company's note).</summary>
    [SensitiveText]
    public string EvidenceNote { get; set; } = "";
    public int? EvidenceFileId { get; set; }
    public string EvidenceFileName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public Guid Version { get; set; }

    public Engagement? Engagement { get; set; }

    public bool IsClosed => IsClosedStatus(Status);

    /// <summary>Introduced and not planned end an item; the others are still open.</summary>
    public static bool IsClosedStatus(PlanItemStatus status) => status is PlanItemStatus.Introduced or PlanItemStatus.NotPlanned;
}
