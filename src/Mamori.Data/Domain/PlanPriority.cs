namespace Mamori.Domain;

public enum PlanPriority
{
    /// <summary>高.</summary>
    High = 0,
    /// <summary>中.</summary>
    Medium = 1,
    /// <summary>低.</summary>
    Low = 2,
}
