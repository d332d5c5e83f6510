using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages;

/// <summary>The office's search box: a company, engagement, application or person by any name or number.</summary>
[RequirePermission(Permissions.CompaniesViewAll)]
public sealed class SearchModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public sealed record Hit(string Kind, string Title, string Detail, string Href);

    public IReadOnlyList<Hit> Hits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return Page();
        }
        var q = Q.Trim();
        var key = Company.MakeNameKey(q);
        if (key.Length == 0)
        {
            return Page();
        }
        var hits = new List<Hit>();
        var companies = await db.Companies.AsNoTracking().Where(c => c.SearchText.Contains(key)).OrderBy(c => c.Code).Take(20)
            .Select(c => new { c.Id, c.Code, c.NameJa, c.NameEn }).ToListAsync();
        hits.AddRange(companies.Select(c => new Hit("企業", c.NameJa, $"{c.Code} {c.NameEn}", $"/Companies/Details/{c.Id}")));
        var engagements = await db.Engagements.AsNoTracking().Where(e => e.Number == q || e.Company!.SearchText.Contains(key))
            .OrderByDescending(e => e.FiscalYearId).Take(20).Select(e => new { e.Id, e.Number, e.Company!.NameJa, e.CountryCode }).ToListAsync();
        hits.AddRange(engagements.Select(e => new Hit("個別支援", e.Number, $"{e.NameJa} ({e.CountryCode})", $"/Engagements/Details/{e.Id}")));
        var applications = await db.Applications.AsNoTracking().Where(a => a.Number == q).Select(a => new { a.Id, a.Number, a.Company!.NameJa }).ToListAsync();
        hits.AddRange(applications.Select(a => new Hit("応募", a.Number, a.NameJa, $"/Applications/Details/{a.Id}")));
        var experts = await db.Experts.AsNoTracking().Where(x => x.Name.Contains(q) || x.NameEn.Contains(q) || x.Firm.Contains(q)).Take(20)
            .Select(x => new { x.Id, x.Name, x.Firm }).ToListAsync();
        hits.AddRange(experts.Select(x => new Hit("専門家", x.Name, x.Firm, $"/Experts/Edit/{x.Id}")));
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.Name.Contains(q) || c.Email.Contains(q)).Take(20)
            .Select(c => new { c.CompanyId, c.Name, Company = c.Company!.NameJa }).ToListAsync();
        hits.AddRange(contacts.Select(c => new Hit("担当者", c.Name, c.Company, $"/Companies/Details/{c.CompanyId}")));
        Hits = hits;
        return Page();
    }
}
