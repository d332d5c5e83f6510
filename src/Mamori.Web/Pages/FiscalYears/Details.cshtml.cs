using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.FiscalYears;

/// <summary>One program year at a glance: per target country, the quota against applications,
/// engagements and hours used.</summary>
[RequirePermission(Permissions.FiscalYearsView)]
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public FiscalYear Year { get; private set; } = null!;

    public sealed record CountryRow(string Code, int? Quota, string Note, bool Targeted, int Applications, int Pending, int Engagements, int UsedMinutes, int AllowanceMinutes);

    public IReadOnlyList<CountryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var year = await db.FiscalYears.AsNoTracking().Include(f => f.TargetCountries).SingleOrDefaultAsync(f => f.Id == id);
        if (year is null)
        {
            return NotFound();
        }
        Year = year;
        var applications = await db.Applications.Where(a => a.FiscalYearId == id)
            .GroupBy(a => a.CountryCode)
            .Select(g => new
            {
                Country = g.Key,
                Count = g.Count(),
                Pending = g.Count(a => a.Status == ApplicationStatus.Received || a.Status == ApplicationStatus.Screening || a.Status == ApplicationStatus.Waitlisted),
            }).ToListAsync();
        var engagements = await db.Engagements.Where(e => e.FiscalYearId == id && e.Status != EngagementStatus.Cancelled)
            .GroupBy(e => e.CountryCode)
            .Select(g => new { Country = g.Key, Count = g.Count(), Used = g.Sum(e => e.UsedMinutes), Allowance = g.Sum(e => e.AllowanceMinutes) })
            .ToListAsync();
        var codes = year.TargetCountries.Select(t => t.CountryCode).Concat(applications.Select(a => a.Country)).Concat(engagements.Select(e => e.Country)).Distinct();
        Rows = [.. codes.Select(code =>
        {
            var target = year.TargetCountries.FirstOrDefault(t => t.CountryCode == code);
            var a = applications.FirstOrDefault(x => x.Country == code);
            var e = engagements.FirstOrDefault(x => x.Country == code);
            return new CountryRow(code, target?.Quota, target?.Note ?? "", target is not null, a?.Count ?? 0, a?.Pending ?? 0, e?.Count ?? 0, e?.Used ?? 0, e?.Allowance ?? 0);
        }).OrderByDescending(r => r.Targeted)];
        return Page();
    }
}
