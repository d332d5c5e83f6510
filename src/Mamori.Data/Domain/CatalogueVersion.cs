namespace Mamori.Domain;

/// <summary>One immutable edition of the question catalogue. Editing the catalogue creates a new
/// version; a diagnosis keeps the version it was answered with and stays readable forever.</summary>
public class CatalogueVersion
{
    public int Id { get; set; }
    /// <summary>1, 2, 3 … the highest is the one new diagnoses use.</summary>
    public int Number { get; set; }
    public required string LabelJa { get; set; }
    public string LabelEn { get; set; } = "";
    /// <summary>Date the legal statements in the catalogue were checked.</summary>
    public DateOnly AsOf { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    /// <summary>What changed from the previous version.</summary>
    public string Note { get; set; } = "";

    public List<CatalogueSection> Sections { get; set; } = [];
    public List<CatalogueItem> Items { get; set; } = [];
}
