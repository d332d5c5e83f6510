using System.Globalization;
using System.Text;

namespace Mamori.Domain;

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
