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

    public IReadOnlyList<EngagementList.Row> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];
    /// <summary>The expert filter's options (staff only).</summary>
    public IHtmlContent ExpertOptions { get; private set; } = HtmlString.Empty;
    public bool IsStaff { get; private set; }

    private async Task<EngagementListFilter> FilterAsync()
    {
        var scope = AccessScope.For(User);
        IsStaff = scope.All;
        var years = await lookups.FiscalYearsAsync();
        Years = [.. years.Select(y => y.StartYear)];
        int? fiscalYearId = null;
        if (Year is { } year)
        {
            fiscalYearId = years.FirstOrDefault(y => y.StartYear == year)?.Id
                ?? await db.FiscalYears.Where(f => f.StartYear == year).Select(f => (int?)f.Id).FirstOrDefaultAsync() ?? -1;
        }
        var hasQuery = !string.IsNullOrWhiteSpace(Q);
        return new EngagementListFilter(scope, fiscalYearId, string.IsNullOrEmpty(Country) ? null : Country, Status, Expert,
            hasQuery ? Q!.Trim() : null, hasQuery ? Company.MakeNameKey(Q!) : null);
    }

    private sealed record ExpertName(int Id, string Name)
    {
        public static string ValueOf(ExpertName x) => x.Id.ToString(CultureInfo.InvariantCulture);
    }

    private sealed record ExpertChoices(List<ExpertName> Names, HtmlString Options);

    public async Task OnGetAsync()
    {
        var filter = await FilterAsync();
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
        var size = EngagementList.PageSize;
        var requested = Math.Clamp(PageNumber, 1, 100_000);
        var rows = await EngagementList.PageAsync(db, filter, Sort, (requested - 1) * size);
        var total = rows.Count > 0 ? rows[0].Total : await EngagementList.Query(db, filter, Sort).CountAsync();
        Paging = new PageInfo(Request, requested, size, total);
        if (rows.Count == 0 && total > 0)
        {
            // Asked for a page past the end: show the last one.
            rows = await EngagementList.PageAsync(db, filter, Sort, Paging.Skip);
        }
        Rows = rows;
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var query = EngagementList.Query(db, await FilterAsync(), Sort);
        var rows = await query.Select(e => new EngagementList.Row(
            e.Id, e.Number, e.FiscalYearId, e.Company!.NameJa, e.Base!.NameJa, e.CountryCode, e.Base.RegionCode, e.Status,
            e.SupportStart, e.SupportEnd, e.UsedMinutes, e.AllowanceMinutes, e.NextStep, "", 0, 0)).ToListAsync();
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
