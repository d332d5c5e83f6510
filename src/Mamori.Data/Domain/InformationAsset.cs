namespace Mamori.Domain;

/// <summary>One row of the 保有情報リスト submitted with an application: what information the base
/// holds, in what form, where, and who can reach it. Never the information itself.</summary>
public class InformationAsset
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int Order { get; set; }
    [SensitiveText]
    public required string Name { get; set; }
    public InformationCategory Category { get; set; }
    public InformationMedium Medium { get; set; }
    [SensitiveText]
    public string StorageLocation { get; set; } = "";
    [SensitiveText]
    public string AccessibleBy { get; set; } = "";
    /// <summary>Whether it is marked as confidential (マル秘表示など).</summary>
    public bool IsMarked { get; set; }
}
