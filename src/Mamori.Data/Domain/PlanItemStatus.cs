namespace Mamori.Domain;

public enum PlanItemStatus
{
    /// <summary>提案.</summary>
    Proposed = 0,
    /// <summary>実施決定.</summary>
    Decided = 1,
    /// <summary>導入済み.</summary>
    Introduced = 2,
    /// <summary>検討を開始.</summary>
    StartedConsidering = 3,
    /// <summary>予定なし.</summary>
    NotPlanned = 4,
}
