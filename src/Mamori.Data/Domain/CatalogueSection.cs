namespace Mamori.Domain;

public class CatalogueSection
{
    public int Id { get; set; }
    public int CatalogueVersionId { get; set; }
    /// <summary>A, B, C …</summary>
    public required string Key { get; set; }
    public int Order { get; set; }
    public required string NameJa { get; set; }
    public string NameEn { get; set; } = "";
    public string DescriptionJa { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
}
