namespace Mamori.Domain;

/// <summary>A country targeted in a fiscal year, with its quota of companies.</summary>
public class TargetCountry
{
    public int Id { get; set; }
    public int FiscalYearId { get; set; }
    public required string CountryCode { get; set; }
    /// <summary>Planned number of companies; null when the year set none.</summary>
    public int? Quota { get; set; }
    /// <summary>Free note, e.g. "欧州一部" or "応募実績なし".</summary>
    public string Note { get; set; } = "";

    public FiscalYear? FiscalYear { get; set; }
    public Country? Country { get; set; }
}
