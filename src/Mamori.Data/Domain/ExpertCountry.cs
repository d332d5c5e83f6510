namespace Mamori.Domain;

public class ExpertCountry
{
    public int ExpertId { get; set; }
    public required string CountryCode { get; set; }

    public Expert? Expert { get; set; }
    public Country? Country { get; set; }
}
