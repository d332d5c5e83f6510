namespace Mamori.Domain;

/// <summary>One answered (or partly answered) diagnosis: a public self-check, a company's
/// self-check, or an expert's hearing. It keeps the catalogue version it was answered with.</summary>
public class Diagnosis : IVersioned
{
    public int Id { get; set; }
    public DiagnosisKind Kind { get; set; }
    public DiagnosisStatus Status { get; set; }
    public int CatalogueVersionId { get; set; }
    public int? CompanyId { get; set; }
    public int? EngagementId { get; set; }
    public int? ApplicationId { get; set; }
    /// <summary>The company's self-check a hearing started from.</summary>
    public int? SourceDiagnosisId { get; set; }
    /// <summary>The earlier hearing this one re-assesses.</summary>
    public int? PreviousDiagnosisId { get; set; }
    /// <summary>Bases in scope, <see cref="DiagnosisScope"/> text form.</summary>
    public string Scope { get; set; } = "";
    /// <summary>SHA-256 of the bearer token that opens a public self-check; the token itself is never stored.</summary>
    [NotAudited]
    public string? PublicTokenHash { get; set; }
    /// <summary>Name of the company as typed on a public self-check (optional).</summary>
    public string RespondentCompany { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CreatedByUserId { get; set; }
    public string CreatedByName { get; set; } = "";
    /// <summary>Total score when completed, kept for lists and reports.</summary>
    public int? TotalScore { get; set; }
    public Guid Version { get; set; }

    public CatalogueVersion? CatalogueVersion { get; set; }
    public Company? Company { get; set; }
    public Engagement? Engagement { get; set; }
    public Application? Application { get; set; }
    /// <summary>Stored as one JSON text (answers and expert notes are the company's confidential text: the audit
    /// trail records that they changed, not what they say).</summary>
    [SensitiveText]
    public List<DiagnosisAnswer> Answers { get; set; } = [];
    public List<DiagnosisEvidence> Evidence { get; set; } = [];

    public DiagnosisScope ScopeValue => DiagnosisScope.Parse(Scope);

    public IReadOnlyDictionary<string, string> AnswerMap() =>
        Answers.Where(a => a.Value.Length > 0).ToDictionary(a => a.ItemKey, a => a.Value, StringComparer.Ordinal);
}
