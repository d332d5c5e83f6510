using System.Globalization;

namespace Mamori.Domain;

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
