namespace Mamori.Domain;

/// <summary>Which of the three legal requirements of a trade secret an item evidences.</summary>
public enum LegalRequirement
{
    None = 0,
    /// <summary>秘密管理性.</summary>
    SecrecyManagement = 1,
    /// <summary>有用性.</summary>
    Usefulness = 2,
    /// <summary>非公知性.</summary>
    NonPublicity = 3,
}
