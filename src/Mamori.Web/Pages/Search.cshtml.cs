using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages;

/// <summary>The office's search box: a company, engagement, application or person by any name or number.</summary>
[RequirePermission(Permissions.CompaniesViewAll)]
public sealed class SearchModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>One result: its kind (localized), title, detail and the URL of its page (with the path base).</summary>
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
        hits.AddRange(companies.Select(c => new Hit(t["企業"], c.NameJa, $"{c.Code} {c.NameEn}", Url.Page("/Companies/Details", new { id = c.Id })!)));
        var engagements = await db.Engagements.AsNoTracking().Where(e => e.Number == q || e.Company!.SearchText.Contains(key))
            .OrderByDescending(e => e.FiscalYearId).Take(20).Select(e => new { e.Id, e.Number, e.Company!.NameJa, e.CountryCode }).ToListAsync();
        hits.AddRange(engagements.Select(e => new Hit(t["個別支援"], e.Number, $"{e.NameJa} ({e.CountryCode})", Url.Page("/Engagements/Details", new { id = e.Id })!)));
        var applications = await db.Applications.AsNoTracking().Where(a => a.Number == q).Select(a => new { a.Id, a.Number, a.Company!.NameJa }).ToListAsync();
        hits.AddRange(applications.Select(a => new Hit(t["応募"], a.Number, a.NameJa, Url.Page("/Applications/Details", new { id = a.Id })!)));
        var experts = await db.Experts.AsNoTracking().Where(x => x.Name.Contains(q) || x.NameEn.Contains(q) || x.Firm.Contains(q)).Take(20)
            .Select(x => new { x.Id, x.Name, x.Firm }).ToListAsync();
        hits.AddRange(experts.Select(x => new Hit(t["専門家"], x.Name, x.Firm, Url.Page("/Experts/Edit", new { id = x.Id })!)));
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.Name.Contains(q) || c.Email.Contains(q)).Take(20)
            .Select(c => new { c.CompanyId, c.Name, Company = c.Company!.NameJa }).ToListAsync();
        hits.AddRange(contacts.Select(c => new Hit(t["担当者"], c.Name, c.Company, Url.Page("/Companies/Details", new { id = c.CompanyId })!)));
        Hits = hits;
        return Page();
    }
}
