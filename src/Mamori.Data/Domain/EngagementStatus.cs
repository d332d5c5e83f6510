namespace Mamori.Domain;

public enum EngagementStatus
{
    /// <summary>予定.</summary>
    Planned = 0,
    /// <summary>支援中.</summary>
    Active = 1,
    /// <summary>完了.</summary>
    Completed = 2,
    /// <summary>中止.</summary>
    Cancelled = 3,
}
