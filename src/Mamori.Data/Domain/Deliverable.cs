namespace Mamori.Domain;

public enum DeliverableKind
{
    /// <summary>アドバイスメモ.</summary>
    AdviceMemo = 0,
    /// <summary>契約書案.</summary>
    ContractDraft = 1,
    /// <summary>就業規則・社内規程案.</summary>
    RulesDraft = 2,
    /// <summary>新旧対照表.</summary>
    ComparisonTable = 3,
    /// <summary>研修資料.</summary>
    TrainingSlides = 4,
    /// <summary>出席者名簿.</summary>
    AttendanceList = 5,
    /// <summary>報告書.</summary>
    Report = 6,
    /// <summary>その他.</summary>
    Other = 7,
}

/// <summary>A document delivered in an engagement (optionally tied to one session), kept in versions.</summary>
public class Deliverable : IVersioned
{
    public int Id { get; set; }
    public int EngagementId { get; set; }
    public int? SessionId { get; set; }
    public DeliverableKind Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>Language(s) of the document, semicolon-separated (ja;zh).</summary>
    public string Languages { get; set; } = "ja";
    /// <summary>For a bilingual document, the language that prevails.</summary>
    public string PrevailingLanguage { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public Guid Version { get; set; }

    public Engagement? Engagement { get; set; }
    public EngagementSession? Session { get; set; }
    public List<DeliverableVersion> Versions { get; set; } = [];
}

/// <summary>One uploaded version of a deliverable; the bytes live in <see cref="StoredFile"/>.</summary>
public class DeliverableVersion
{
    public int Id { get; set; }
    public int DeliverableId { get; set; }
    public int Number { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public required string Sha256 { get; set; }
    public string Note { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedByUserId { get; set; }
    public string UploadedByName { get; set; } = "";
    public int StoredFileId { get; set; }

    public Deliverable? Deliverable { get; set; }
    public StoredFile? StoredFile { get; set; }
}

/// <summary>File content kept in the database so one backup holds everything.</summary>
public class StoredFile
{
    public int Id { get; set; }
    [NotAudited]
    public required byte[] Content { get; set; }
}

/// <summary>One row of the audit trail: who did what to which record, when, from where.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>created, updated, deleted, login, login-failed, lockout, denied, import, export ...</summary>
    public required string Action { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>JSON object of changed properties: {"Name":["old","new"]}; sensitive text shows only that it changed.</summary>
    public string Changes { get; set; } = "";
    public string IpAddress { get; set; } = "";
}
