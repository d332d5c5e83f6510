using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Experts;

[RequirePermission(Permissions.ExpertsView)]
public sealed class IndexModel(AppDbContext db, Lookups lookups, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public sealed record Row(int Id, string Code, string Name, string NameEn, string Firm, string Email, string Languages, string Office,
        bool IsActive, IReadOnlyList<string> Countries, string? UserName, int OpenEngagements);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Lookups.CountryItem> CountryList { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;

    private IQueryable<Expert> Query()
    {
        var query = db.Experts.AsNoTracking();
        if (!All)
        {
            query = query.Where(e => e.IsActive);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(e => e.Name.Contains(q) || e.NameEn.Contains(q) || e.Firm.Contains(q) || e.Code == q);
        }
        if (!string.IsNullOrEmpty(Country))
        {
            query = query.Where(e => e.Countries.Any(c => c.CountryCode == Country));
        }
        return query.OrderBy(e => e.Code);
    }

    private IQueryable<Row> Project(IQueryable<Expert> query) => query.Select(e => new Row(
        e.Id, e.Code, e.Name, e.NameEn, e.Firm, e.Email, e.Languages, e.ContractingOffice, e.IsActive,
        e.Countries.Select(c => c.CountryCode).ToList(),
        db.Users.Where(u => u.Id == e.UserId).Select(u => u.UserName).FirstOrDefault(),
        db.EngagementExperts.Count(x => x.ExpertId == e.Id && (x.Engagement!.Status == EngagementStatus.Planned || x.Engagement.Status == EngagementStatus.Active))));

    public async Task OnGetAsync()
    {
        CountryList = await lookups.CountriesAsync();
        var query = Query();
        Paging = new PageInfo(Request, PageNumber, PageInfo.DefaultSize, await query.CountAsync());
        Rows = await Project(query.Page(Paging)).ToListAsync();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var countries = await lookups.CountriesAsync();
        var rows = await Project(Query()).ToListAsync();
        var sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["専門家コード"] = r.Code,
            ["氏名"] = r.Name,
            ["氏名（英語）"] = r.NameEn,
            ["所属"] = r.Firm,
            ["担当国"] = string.Join("、", r.Countries.Select(c => countries.FirstOrDefault(x => x.Code == c)?.NameJa ?? c)),
            ["言語"] = string.Join("、", r.Languages.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Languages.NameJa)),
            ["メール"] = r.Email,
            ["契約事務所"] = r.Office,
            ["支援中の件数"] = r.OpenEngagements,
            ["状態"] = r.IsActive ? "有効" : "無効",
        }).ToList();
        return await XlsxFiles.ListAsync(db, "専門家", "experts", sheet, time, "Expert");
    }
}
