namespace Mamori.Domain;

/// <summary>A first-level administrative division (province, state, prefecture...).</summary>
public class Region
{
    /// <summary>ISO 3166-2 where one exists (CN-SH, TH-11), otherwise a stable code of our own.</summary>
    public required string Code { get; set; }
    public required string CountryCode { get; set; }
    public required string NameJa { get; set; }
    public required string NameEn { get; set; }
    public string NameLocal { get; set; } = "";
    /// <summary>Set only when it differs from the country's zone.</summary>
    public string? TimeZoneId { get; set; }
    /// <summary>False for divisions that no longer exist (Vietnam before July 2025): kept for old records, not offered for new ones.</summary>
    public bool IsActive { get; set; } = true;

    public Country? Country { get; set; }
}
