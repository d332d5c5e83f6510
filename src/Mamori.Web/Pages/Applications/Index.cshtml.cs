using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Applications;

/// <summary>Applications of a year in arrival order (first come, first served), with filters and export.</summary>
[RequirePermission(Permissions.ApplicationsView)]
public sealed class IndexModel(AppDbContext db, Lookups lookups, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public ApplicationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public sealed record Row(int Id, string Number, DateTimeOffset ReceivedAt, int CompanyId, string Company, bool Provisional, string Base,
        string Country, string? Region, SupportMenu Menu, ApplicationStatus Status, ApplicationChannel Channel, int? DuplicateOfId, int? EngagementId);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];
    public IReadOnlyDictionary<ApplicationStatus, int> Counts { get; private set; } = new Dictionary<ApplicationStatus, int>();

    private async Task ResolveYearAsync()
    {
        Years = await db.FiscalYears.OrderByDescending(f => f.StartYear).Select(f => f.StartYear).ToListAsync();
        var current = FiscalYear.StartYearOf(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (Year is { } asked && !Years.Contains(asked))
        {
            // A year that does not exist (a typed or tampered URL) falls back to the current one.
            Year = null;
        }
        Year ??= Years.Any(y => y <= current) ? Years.First(y => y <= current) : Years.Count > 0 ? Years[0] : null;
    }

    private IQueryable<Application> Query(bool withStatus = true)
    {
        var query = db.Applications.VisibleTo(AccessScope.For(User)).AsNoTracking().Where(a => a.FiscalYear!.StartYear == Year);
        if (!string.IsNullOrEmpty(Country))
        {
            query = query.Where(a => a.CountryCode == Country);
        }
        if (withStatus && Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var key = Company.MakeNameKey(Q);
            var number = Q.Trim();
            query = query.Where(a => a.Number == number || a.Company!.SearchText.Contains(key));
        }
        return Sort switch
        {
            "-received" => query.OrderByDescending(a => a.ReceivedAt),
            "number" => query.OrderBy(a => a.Number),
            "-number" => query.OrderByDescending(a => a.Number),
            "status" => query.OrderBy(a => a.Status).ThenBy(a => a.ReceivedAt),
            _ => query.OrderBy(a => a.ReceivedAt),
        };
    }

    private static IQueryable<Row> Project(IQueryable<Application> query) => query.Select(a => new Row(
        a.Id, a.Number, a.ReceivedAt, a.CompanyId, a.Company!.NameJa, a.Company.IsProvisional, a.Base!.NameJa, a.CountryCode, a.Base.RegionCode,
        a.Menu, a.Status, a.Channel, a.DuplicateOfId, a.Engagement != null ? a.Engagement.Id : null));

    public async Task OnGetAsync()
    {
        await ResolveYearAsync();
        Countries = await lookups.CountriesAsync();
        Counts = await Query(withStatus: false).GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var query = Query();
        Paging = new PageInfo(Request, PageNumber, PageInfo.DefaultSize, await query.CountAsync());
        Rows = await Project(query.Page(Paging)).ToListAsync();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await ResolveYearAsync();
        var rows = await Project(Query()).ToListAsync();
        var countries = await lookups.CountriesAsync();
        var regions = await lookups.RegionsAsync();
        var sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["受付番号"] = r.Number,
            ["受付日時（日本時間）"] = Display.ToZone(r.ReceivedAt, "Asia/Tokyo").DateTime,
            ["企業名"] = r.Company,
            ["拠点"] = r.Base,
            ["国・地域"] = countries.FirstOrDefault(c => c.Code == r.Country)?.NameJa ?? r.Country,
            ["州・省"] = regions.FirstOrDefault(x => x.Code == r.Region)?.NameJa ?? "",
            ["希望する支援"] = string.Join("、", Names.MenuItems.Where(i => r.Menu.HasFlag(i.Flag)).Select(i => i.Ja)),
            ["状態"] = Names.Of(r.Status),
            ["経路"] = Names.Of(r.Channel),
            ["重複の可能性"] = r.DuplicateOfId is null ? "" : "あり",
        }).ToList();
        return await XlsxFiles.ListAsync(db, "応募", $"applications-{Year}", sheet, time, "Application");
    }
}
