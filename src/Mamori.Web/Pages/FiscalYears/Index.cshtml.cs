using Mamori.Data;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.FiscalYears;

[RequirePermission(Permissions.FiscalYearsView)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, int StartYear, string OfficialName, DateOnly? SupportStart, DateOnly? SupportEnd,
        DateOnly? RecruitmentStart, DateOnly? RecruitmentEnd, int AllowanceMinutes, IReadOnlyList<(string Country, int? Quota)> Targets,
        int Applications, int Engagements);

    public IReadOnlyList<Row> Years { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var years = await db.FiscalYears.AsNoTracking().OrderByDescending(f => f.StartYear)
            .Select(f => new
            {
                f.Id, f.StartYear, f.OfficialName, f.SupportStart, f.SupportEnd, f.RecruitmentStart, f.RecruitmentEnd, f.AllowanceMinutes,
                Targets = f.TargetCountries.OrderBy(t => t.Country!.SortOrder).Select(t => new { t.CountryCode, t.Quota }).ToList(),
                Applications = db.Applications.Count(a => a.FiscalYearId == f.Id),
                Engagements = db.Engagements.Count(e => e.FiscalYearId == f.Id),
            }).ToListAsync();
        Years = [.. years.Select(y => new Row(y.Id, y.StartYear, y.OfficialName, y.SupportStart, y.SupportEnd, y.RecruitmentStart, y.RecruitmentEnd,
            y.AllowanceMinutes, [.. y.Targets.Select(t => (t.CountryCode, t.Quota))], y.Applications, y.Engagements))];
    }
}
