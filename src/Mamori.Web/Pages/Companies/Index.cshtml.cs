using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Companies;

[RequirePermission(Permissions.CompaniesViewAll)]
public sealed class IndexModel(AppDbContext db, Lookups lookups, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public SizeBand? Size { get; set; }
    [BindProperty(SupportsGet = true)] public bool Provisional { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public sealed record Row(int Id, string Code, string NameJa, string NameEn, string Prefecture, string Industry, SizeBand Size,
        int? Headcount, bool IsProvisional, IReadOnlyList<string> BaseCountries, int Engagements);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];

    private IQueryable<Company> Query()
    {
        var query = db.Companies.VisibleTo(AccessScope.For(User)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var key = Company.MakeNameKey(Q);
            query = query.Where(c => c.SearchText.Contains(key));
        }
        if (!string.IsNullOrEmpty(Country))
        {
            query = query.Where(c => c.Bases.Any(b => b.CountryCode == Country));
        }
        if (Size is { } size)
        {
            query = query.Where(c => c.SizeBand == size);
        }
        if (Provisional)
        {
            query = query.Where(c => c.IsProvisional);
        }
        return Sort switch
        {
            "name" => query.OrderBy(c => c.NameKey),
            "-name" => query.OrderByDescending(c => c.NameKey),
            "pref" => query.OrderBy(c => c.Prefecture).ThenBy(c => c.Code),
            "-pref" => query.OrderByDescending(c => c.Prefecture).ThenBy(c => c.Code),
            "-code" => query.OrderByDescending(c => c.Code),
            _ => query.OrderBy(c => c.Code),
        };
    }

    private static IQueryable<Row> Project(IQueryable<Company> query, AppDbContext db) => query.Select(c => new Row(
        c.Id, c.Code, c.NameJa, c.NameEn, c.Prefecture, c.Industry, c.SizeBand, c.Headcount, c.IsProvisional,
        c.Bases.Select(b => b.CountryCode).ToList(),
        db.Engagements.Count(e => e.CompanyId == c.Id)));

    public async Task OnGetAsync()
    {
        Countries = await lookups.CountriesAsync();
        var query = Query();
        Paging = new PageInfo(Request, PageNumber, PageInfo.DefaultSize, await query.CountAsync());
        Rows = await Project(query.Page(Paging), db).ToListAsync();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await Project(Query(), db).ToListAsync();
        var countries = await lookups.CountriesAsync();
        var sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["企業コード"] = r.Code,
            ["企業名"] = r.NameJa,
            ["企業名（英語）"] = r.NameEn,
            ["本社所在地"] = r.Prefecture,
            ["業種"] = r.Industry,
            ["規模"] = Names.Of(r.Size),
            ["従業員数"] = r.Headcount,
            ["拠点の国"] = string.Join("、", r.BaseCountries.Distinct().Select(c => countries.FirstOrDefault(x => x.Code == c)?.NameJa ?? c)),
            ["個別支援数"] = r.Engagements,
            ["仮登録"] = r.IsProvisional ? "仮登録" : "",
        }).ToList();
        return await XlsxFiles.ListAsync(db, "企業", "companies", sheet, time, "Company");
    }
}
