using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Mamori.Web.Infrastructure;

/// <summary>Countries and regions for pickers and labels, cached (they change only with a deployment).</summary>
public sealed class Lookups(AppDbContext db, IMemoryCache cache)
{
    public sealed record CountryItem(string Code, string NameJa, string NameEn, string TimeZoneId)
    {
        public string Name => Display.IsEnglish ? NameEn : NameJa;
    }

    public sealed record RegionItem(string Code, string CountryCode, string NameJa, string NameEn, string NameLocal, string? TimeZoneId, bool IsActive)
    {
        public string Name => Display.IsEnglish ? NameEn : NameJa;
    }

    public async Task<IReadOnlyList<CountryItem>> CountriesAsync() =>
        (await cache.GetOrCreateAsync("countries", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return await db.Countries.AsNoTracking().OrderBy(c => c.SortOrder)
                .Select(c => new CountryItem(c.Code, c.NameJa, c.NameEn, c.TimeZoneId)).ToListAsync();
        }))!;

    public async Task<IReadOnlyList<RegionItem>> RegionsAsync() =>
        (await cache.GetOrCreateAsync("regions", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return await db.Regions.AsNoTracking().OrderBy(r => r.CountryCode).ThenBy(r => r.Code)
                .Select(r => new RegionItem(r.Code, r.CountryCode, r.NameJa, r.NameEn, r.NameLocal, r.TimeZoneId, r.IsActive)).ToListAsync();
        }))!;

    public sealed record YearItem(int Id, int StartYear);

    /// <summary>Program years for pickers and filters, newest first; cached briefly (a new year appears within 30 s).</summary>
    public async Task<IReadOnlyList<YearItem>> FiscalYearsAsync() =>
        (await cache.GetOrCreateAsync("fiscal-years", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return await db.FiscalYears.AsNoTracking().OrderByDescending(f => f.StartYear).Select(f => new YearItem(f.Id, f.StartYear)).ToListAsync();
        }))!;

    /// <summary>Drops the cached years after a change, so this instance shows it at once.</summary>
    public void ForgetFiscalYears() => cache.Remove("fiscal-years");

    public async ValueTask<string> CountryNameAsync(string? code) =>
        code is null ? "" : (await CountryIndexAsync()).TryGetValue(code, out var c) ? c.Name : code;

    public async ValueTask<string> RegionNameAsync(string? code) =>
        code is null ? "" : (await RegionIndexAsync()).TryGetValue(code, out var r) ? r.Name : code;

    // Looked up once per row on lists: a hit must not allocate the factory closure of GetOrCreateAsync.
    private async ValueTask<IReadOnlyDictionary<string, CountryItem>> CountryIndexAsync() =>
        cache.TryGetValue("country-index", out IReadOnlyDictionary<string, CountryItem>? hit) ? hit! : (await cache.GetOrCreateAsync("country-index", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return (IReadOnlyDictionary<string, CountryItem>)(await CountriesAsync()).ToDictionary(c => c.Code);
        }))!;

    private async ValueTask<IReadOnlyDictionary<string, RegionItem>> RegionIndexAsync() =>
        cache.TryGetValue("region-index", out IReadOnlyDictionary<string, RegionItem>? hit) ? hit! : (await cache.GetOrCreateAsync("region-index", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return (IReadOnlyDictionary<string, RegionItem>)(await RegionsAsync()).ToDictionary(r => r.Code);
        }))!;

    public async Task<bool> IsCountryAsync(string? code) => code is not null && (await CountriesAsync()).Any(c => c.Code == code);

    /// <summary>True when the region exists, belongs to the country, and (for new choices) is still active.</summary>
    public async Task<bool> IsRegionOfAsync(string? region, string? country, bool allowInactive) =>
        (await RegionsAsync()).Any(r => r.Code == region && r.CountryCode == country && (allowInactive || r.IsActive));

    /// <summary>The zone a session in this region (or country) happens in.</summary>
    public async Task<string> TimeZoneForAsync(string country, string? region)
    {
        var r = region is null ? null : (await RegionsAsync()).FirstOrDefault(x => x.Code == region);
        return r?.TimeZoneId ?? (await CountriesAsync()).FirstOrDefault(c => c.Code == country)?.TimeZoneId ?? "Asia/Tokyo";
    }

    /// <summary>Zones offered for sessions: those of the countries and regions we know, plus Tokyo.</summary>
    public async Task<IReadOnlyList<string>> TimeZonesAsync() =>
        [.. (await CountriesAsync()).Select(c => c.TimeZoneId)
            .Concat((await RegionsAsync()).Where(r => r.TimeZoneId is not null).Select(r => r.TimeZoneId!))
            .Append("Asia/Tokyo").Distinct().Order(StringComparer.Ordinal)];
}
