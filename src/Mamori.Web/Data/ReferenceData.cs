using Mamori.Data;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Data;

/// <summary>Countries and first-level regions from content/reference/*.csv. Runs at every start:
/// inserts what is new and refreshes names, never deletes (old records keep their region).</summary>
public static class ReferenceData
{
    /// <summary>Countries the program has served or named, listed first in pickers; the rest follow in file order.</summary>
    private static readonly string[] ProgramCountries = ["JP", "CN", "TH", "VN", "ID", "IN", "MY", "PH", "SG", "KR", "TW", "DE", "MX", "US"];

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "content", "reference");

    public static async Task SyncAsync(AppDbContext db, CancellationToken ct = default)
    {
        var countryRows = Csv.ReadFile(Path.Combine(Folder, "countries.csv"));
        var regionRows = Csv.ReadFile(Path.Combine(Folder, "regions.csv"));

        var countries = await db.Countries.ToDictionaryAsync(c => c.Code, ct);
        foreach (var row in countryRows)
        {
            var priority = Array.IndexOf(ProgramCountries, row["code"]);
            var order = priority >= 0 ? priority : ProgramCountries.Length + countryRows.IndexOf(row);
            if (!countries.TryGetValue(row["code"], out var country))
            {
                country = new Country { Code = row["code"], NameJa = row["name_ja"], NameEn = row["name_en"], TimeZoneId = row["time_zone"] };
                db.Countries.Add(country);
                countries[country.Code] = country;
            }
            country.NameJa = row["name_ja"];
            country.NameEn = row["name_en"];
            country.TimeZoneId = row["time_zone"];
            country.Languages = row["languages"];
            country.SortOrder = order;
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
        foreach (var row in regionRows)
        {
            if (!countries.ContainsKey(row["country_code"]))
            {
                continue;
            }
            if (!regions.TryGetValue(row["code"], out var region))
            {
                region = new Region { Code = row["code"], CountryCode = row["country_code"], NameJa = row["name_ja"], NameEn = row["name_en"] };
                db.Regions.Add(region);
                regions[region.Code] = region;
            }
            region.NameJa = row["name_ja"];
            region.NameEn = row["name_en"];
            region.NameLocal = row["name_local"];
            region.TimeZoneId = string.IsNullOrWhiteSpace(row["time_zone"]) ? null : row["time_zone"];
            region.IsActive = row["active"] != "0";
        }
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
    }
}
