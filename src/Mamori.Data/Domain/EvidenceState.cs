namespace Mamori.Domain;

/// <summary>How well the evidence for 秘密管理性 stands for one item.</summary>
public enum EvidenceState
{
    /// <summary>あり.</summary>
    Present = 0,
    /// <summary>一部.</summary>
    Partial = 1,
    /// <summary>なし.</summary>
    Missing = 2,
    /// <summary>不明（わからない・未回答）.</summary>
    Unknown = 3,
}
