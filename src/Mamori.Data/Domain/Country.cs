namespace Mamori.Domain;

/// <summary>A country or territory (ISO 3166-1 alpha-2).</summary>
public class Country
{
    public required string Code { get; set; }
    public required string NameJa { get; set; }
    public required string NameEn { get; set; }
    /// <summary>IANA zone of the main business area, the default for sessions held there.</summary>
    public required string TimeZoneId { get; set; }
    /// <summary>Semicolon-separated BCP-47 codes of the official or business languages.</summary>
    public string Languages { get; set; } = "";
    public int SortOrder { get; set; }

    public List<Region> Regions { get; set; } = [];
}
