namespace Mamori.Domain;

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
