namespace Mamori.Domain;

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
