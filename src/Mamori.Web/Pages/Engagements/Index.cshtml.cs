using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Mamori.Web.Pages.Engagements;

/// <summary>Engagements the user may see (all for staff, assigned ones for an expert, their own for a
/// company user), filtered, sorted, paged, exportable.</summary>
[RequirePermission(Permissions.EngagementsViewOwn)]
public sealed class IndexModel(AppDbContext db, Lookups lookups, TimeProvider time, IMemoryCache cache) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public EngagementStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Expert { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public sealed record Row(int Id, string Number, int FiscalYearId, string Company, string Base, string Country, string? Region,
        EngagementStatus Status, DateOnly? From, DateOnly? To, int Used, int Allowance, string NextStep, string LeadExpert, int ExpertCount);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];
    /// <summary>The expert filter's options (staff only).</summary>
    public IHtmlContent ExpertOptions { get; private set; } = HtmlString.Empty;
    public bool IsStaff { get; private set; }

    private AccessScope Scope { get; set; } = AccessScope.None;

    /// <summary>The engagements the user may see, narrowed by the form: one line per filter. The page and the export
    /// both start here.</summary>
    private async Task<IQueryable<Engagement>> FilteredAsync()
    {
        Scope = AccessScope.For(User);
        IsStaff = Scope.All;
        var years = await lookups.FiscalYearsAsync();
        Years = [.. years.Select(y => y.StartYear)];
        int? fiscalYearId = Year is { } year
            ? years.FirstOrDefault(y => y.StartYear == year)?.Id
                ?? await db.FiscalYears.Where(f => f.StartYear == year).Select(f => (int?)f.Id).FirstOrDefaultAsync() ?? -1
            : null;
        var country = string.IsNullOrEmpty(Country) ? null : Country;
        var number = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        var nameKey = number is null ? null : Company.MakeNameKey(number);

        var query = db.Engagements.VisibleTo(Scope).AsNoTracking();
        if (fiscalYearId is not null) query = query.Where(e => e.FiscalYearId == fiscalYearId);
        if (country is not null) query = query.Where(e => e.CountryCode == country);
        if (Status is not null) query = query.Where(e => e.Status == Status);
        if (Expert is not null) query = query.Where(e => db.EngagementExperts.Where(x => x.ExpertId == Expert).Select(x => x.EngagementId).Contains(e.Id));
        if (nameKey is not null) query = query.Where(e => e.Number == number || e.Company!.SearchText.Contains(nameKey));
        return query;
    }

    /// <summary>The column headers' sort keys; every order ends on the number so pages are stable.</summary>
    private IOrderedQueryable<Engagement> Sorted(IQueryable<Engagement> query) => Sort switch
    {
        "-number" => query.OrderByDescending(e => e.Number),
        "start" => query.OrderBy(e => e.SupportStart).ThenBy(e => e.Number),
        "-start" => query.OrderByDescending(e => e.SupportStart).ThenBy(e => e.Number),
        "hours" => query.OrderBy(e => e.UsedMinutes).ThenBy(e => e.Number),
        "-hours" => query.OrderByDescending(e => e.UsedMinutes).ThenByDescending(e => e.Number),
        "status" => query.OrderBy(e => e.Status).ThenBy(e => e.Number),
        _ => query.OrderBy(e => e.Number),
    };

    /// <summary>The expert whose assignments are exactly this list, in number order: an expert's own list, or staff
    /// choosing one expert, with no other filter and no other sort.</summary>
    private int? OneExpertInNumberOrder =>
        Year is not null || !string.IsNullOrEmpty(Country) || Status is not null || !string.IsNullOrWhiteSpace(Q)
            || Sort is "start" or "-start" or "hours" or "-hours" or "status" ? null
        : Scope.All ? Expert
        : Scope.CompanyId is null && Expert is null ? Scope.ExpertId
        : null;

    /// <summary>The page of one expert's engagements in number order, read from the assignment index (expert, engagement
    /// number) so only the page's engagements are looked up, not every assigned one fetched and sorted (ADR 11).</summary>
    private IQueryable<Engagement> AssignedPage(int expertId)
    {
        var assignments = db.EngagementExperts.AsNoTracking().Where(x => x.ExpertId == expertId);
        return (Sort == "-number" ? assignments.OrderByDescending(x => x.EngagementNumber) : assignments.OrderBy(x => x.EngagementNumber))
            .Page(Paging).Select(x => x.Engagement!);
    }

    private sealed record ExpertName(int Id, string Name)
    {
        public static string ValueOf(ExpertName x) => x.Id.ToString(CultureInfo.InvariantCulture);
    }

    private sealed record ExpertChoices(List<ExpertName> Names, HtmlString Options);

    public async Task OnGetAsync()
    {
        var query = await FilteredAsync();
        Countries = await lookups.CountriesAsync();
        if (IsStaff)
        {
            // Every expert is an option; their names are read and rendered once per 30 s, not on every page.
            var experts = (await cache.GetOrCreateAsync("expert-options", async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
                var names = await db.Experts.AsNoTracking().OrderBy(e => e.Code).Select(e => new ExpertName(e.Id, e.Name)).ToListAsync();
                return new ExpertChoices(names, SelectOptions.ToHtmlString(SelectOptions.Render(names, ExpertName.ValueOf, x => x.Name)));
            }))!;
            ExpertOptions = Expert is { } selected
                ? SelectOptions.Render(experts.Names, ExpertName.ValueOf, x => x.Name, selected.ToString(CultureInfo.InvariantCulture))
                : experts.Options;
        }
        // One expert's assignments are counted in the assignment index alone. A page number past the end shows the last page.
        var oneExpert = OneExpertInNumberOrder;
        var total = oneExpert is { } id ? await db.EngagementExperts.CountAsync(x => x.ExpertId == id) : await query.CountAsync();
        Paging = new PageInfo(Request, Math.Clamp(PageNumber, 1, 100_000), PageInfo.DefaultSize, total);
        var page = oneExpert is { } expertId ? AssignedPage(expertId) : Sorted(query).Page(Paging);
        Rows = await page.Select(e => new Row(
            e.Id, e.Number, e.FiscalYearId, e.Company!.NameJa, e.Base!.NameJa, e.CountryCode, e.Base.RegionCode, e.Status,
            e.SupportStart, e.SupportEnd, e.UsedMinutes, e.AllowanceMinutes, e.NextStep,
            e.Experts.OrderByDescending(x => x.IsLead).Select(x => x.Expert!.Name).FirstOrDefault() ?? "",
            e.Experts.Count())).ToListAsync();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var query = await FilteredAsync();
        var rows = await Sorted(query).Select(e => new Row(
            e.Id, e.Number, e.FiscalYearId, e.Company!.NameJa, e.Base!.NameJa, e.CountryCode, e.Base.RegionCode, e.Status,
            e.SupportStart, e.SupportEnd, e.UsedMinutes, e.AllowanceMinutes, e.NextStep, "", 0)).ToListAsync();
        var names = (await db.EngagementExperts.AsNoTracking().Where(x => query.Select(e => e.Id).Contains(x.EngagementId))
                .Select(x => new { x.EngagementId, x.IsLead, x.Expert!.Name }).ToListAsync())
            .GroupBy(x => x.EngagementId)
            .ToDictionary(g => g.Key, g => string.Join("、", g.OrderByDescending(x => x.IsLead).Select(x => x.Name)));
        var countries = await lookups.CountriesAsync();
        var regions = await lookups.RegionsAsync();
        var startYears = await db.FiscalYears.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.StartYear);
        var sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["支援番号"] = r.Number,
            ["年度"] = JapaneseDates.FiscalYearLabel(startYears[r.FiscalYearId]),
            ["企業名"] = r.Company,
            ["拠点"] = r.Base,
            ["国・地域"] = countries.FirstOrDefault(c => c.Code == r.Country)?.NameJa ?? r.Country,
            ["州・省"] = regions.FirstOrDefault(x => x.Code == r.Region)?.NameJa ?? "",
            ["専門家"] = names.GetValueOrDefault(r.Id, ""),
            ["支援開始日"] = r.From?.ToDateTime(TimeOnly.MinValue),
            ["支援終了日"] = r.To?.ToDateTime(TimeOnly.MinValue),
            ["使用時間"] = Durations.ToHours(r.Used),
            ["支援時間枠"] = Durations.ToHours(r.Allowance),
            ["状態"] = Names.Of(r.Status),
            ["次の予定"] = r.NextStep,
        }).ToList();
        return await XlsxFiles.ListAsync(db, "個別支援", "engagements", sheet, time, "Engagement");
    }
}
