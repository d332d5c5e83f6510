namespace Mamori.Domain;

public class EngagementExpert
{
    public int EngagementId { get; set; }
    /// <summary>The engagement's number, copied here so an expert's engagements are read in number order from the
    /// assignment index alone (ADR 0011). Part of the foreign key to the engagement, so the database refuses a copy
    /// that differs from the engagement's number, and EF Core fills it in from the engagement.</summary>
    public string EngagementNumber { get; set; } = "";
    public int ExpertId { get; set; }
    /// <summary>The expert who leads the engagement (主担当).</summary>
    public bool IsLead { get; set; }

    public Engagement? Engagement { get; set; }
    public Expert? Expert { get; set; }
}
