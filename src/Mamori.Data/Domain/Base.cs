using System.Globalization;

namespace Mamori.Domain;

/// <summary>An overseas base of a company: local corporation, factory, representative office, or a planned one.</summary>
public class Base : IVersioned
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    /// <summary>拠点コード, C0001-01.</summary>
    public required string Code { get; set; }
    /// <summary>Name in the local language (上海山田精密机械有限公司).</summary>
    public string NameLocal { get; set; } = "";
    public required string NameJa { get; set; }
    public BaseType Type { get; set; }
    public required string CountryCode { get; set; }
    public string? RegionCode { get; set; }
    public string City { get; set; } = "";
    public int? Headcount { get; set; }
    public Guid Version { get; set; }

    public Company? Company { get; set; }
    public Country? Country { get; set; }
    public Region? Region { get; set; }

    public static string FormatCode(string companyCode, int number) =>
        companyCode + "-" + number.ToString("00", CultureInfo.InvariantCulture);
}
