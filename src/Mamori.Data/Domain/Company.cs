using System.Globalization;
using System.Text;

namespace Mamori.Domain;

public enum SizeBand
{
    /// <summary>中小企業.</summary>
    Small = 0,
    /// <summary>中堅企業.</summary>
    MidSize = 1,
    /// <summary>大企業.</summary>
    Large = 2,
}

public enum BaseType
{
    /// <summary>現地法人.</summary>
    LocalCorporation = 0,
    /// <summary>工場.</summary>
    Factory = 1,
    /// <summary>駐在員事務所.</summary>
    RepresentativeOffice = 2,
    /// <summary>進出予定.</summary>
    Planned = 3,
}

/// <summary>The Japanese company (head office in Japan).</summary>
public class Company : IVersioned
{
    public int Id { get; set; }
    /// <summary>企業コード, C0001; stable across exports and imports.</summary>
    public required string Code { get; set; }
    public required string NameJa { get; set; }
    public string NameEn { get; set; } = "";
    /// <summary>The Japanese name without legal-form words and spaces, for duplicate detection and search.</summary>
    public string NameKey { get; set; } = "";
    /// <summary>Every name of the company and its bases, normalised like <see cref="NameKey"/>, for the search box.</summary>
    public string SearchText { get; set; } = "";
    public string Prefecture { get; set; } = "";
    public string Industry { get; set; } = "";
    public SizeBand SizeBand { get; set; }
    public int? Headcount { get; set; }
    /// <summary>資本金 in yen.</summary>
    public long? CapitalYen { get; set; }
    /// <summary>Created from the public application form and not yet confirmed by the program office.</summary>
    public bool IsProvisional { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid Version { get; set; }

    public List<Base> Bases { get; set; } = [];
    public List<Contact> Contacts { get; set; } = [];

    private static readonly string[] LegalForms =
        ["株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "(同)", "㈱", "㈲", "co.,ltd.", "co.,ltd", "co.ltd.", "inc.", "ltd.", "corporation", "corp."];

    /// <summary>NFKC, lower case, without spaces, punctuation-only differences and legal-form words:
    /// 株式会社 山田製作所 and （株）山田製作所 give the same key.</summary>
    public static string MakeNameKey(string name)
    {
        var text = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        foreach (var form in LegalForms)
        {
            text = text.Replace(form, "", StringComparison.Ordinal);
        }
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (!char.IsWhiteSpace(ch) && ch is not ('・' or '.' or ',' or '-' or '(' or ')'))
            {
                sb.Append(ch);
            }
        }
        return sb.ToString();
    }

    public static string FormatCode(int number) => "C" + number.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>Recomputes <see cref="NameKey"/> and <see cref="SearchText"/> from the names (bases must be loaded).</summary>
    public void RefreshKeys()
    {
        NameKey = MakeNameKey(NameJa);
        var parts = new[] { NameKey, MakeNameKey(NameEn), Code.ToLowerInvariant() }
            .Concat(Bases.SelectMany(b => new[] { MakeNameKey(b.NameJa), MakeNameKey(b.NameLocal), b.Code.ToLowerInvariant() }))
            .Where(p => p.Length > 0)
            .Distinct();
        var text = string.Join("|", parts);
        SearchText = text.Length > 1000 ? text[..1000] : text;
    }
}

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

/// <summary>A person at the Japanese head office (BaseId null) or at a base.</summary>
public class Contact : IVersioned
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public int? BaseId { get; set; }
    public required string Name { get; set; }
    public string Department { get; set; } = "";
    public string Title { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    /// <summary>Preferred language (BCP-47 code).</summary>
    public string Language { get; set; } = "ja";
    public Guid Version { get; set; }

    public Company? Company { get; set; }
    public Base? Base { get; set; }
}

/// <summary>A local lawyer or consultant who delivers support.</summary>
public class Expert : IVersioned
{
    public int Id { get; set; }
    /// <summary>専門家コード, E001.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string NameEn { get; set; } = "";
    public string Firm { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    /// <summary>Semicolon-separated BCP-47 codes.</summary>
    public string Languages { get; set; } = "";
    /// <summary>The office that contracts the expert (ジェトロ上海事務所 ...).</summary>
    public string ContractingOffice { get; set; } = "";
    public bool IsActive { get; set; } = true;
    /// <summary>The login account of the expert, if any.</summary>
    public string? UserId { get; set; }
    public Guid Version { get; set; }

    public List<ExpertCountry> Countries { get; set; } = [];

    public static string FormatCode(int number) => "E" + number.ToString("000", CultureInfo.InvariantCulture);
}

public class ExpertCountry
{
    public int ExpertId { get; set; }
    public required string CountryCode { get; set; }

    public Expert? Expert { get; set; }
    public Country? Country { get; set; }
}
