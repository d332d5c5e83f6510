using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Companies;

/// <summary>A company with its bases, contacts, applications and engagements. Staff see all; a company user only their own.</summary>
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public Company Company { get; private set; } = null!;

    public sealed record ApplicationRow(int Id, string Number, int Year, string Country, ApplicationStatus Status, DateTimeOffset ReceivedAt);

    public sealed record EngagementRow(int Id, string Number, int Year, string Country, EngagementStatus Status, int Used, int Allowance, DateOnly? From, DateOnly? To);

    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];
    public IReadOnlyList<EngagementRow> Engagements { get; private set; } = [];
    public bool CanManage { get; private set; }
    public bool IsStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var scope = AccessScope.For(User);
        var company = await db.Companies.VisibleTo(scope).AsNoTracking()
            .Include(c => c.Bases).ThenInclude(b => b.Region)
            .Include(c => c.Contacts)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id);
        if (company is null)
        {
            await db.AuditHiddenAsync(db.Companies.Where(c => c.Id == id), "Company", id);
            return NotFound();
        }
        Company = company;
        CanManage = User.HasPermission(Permissions.CompaniesManage);
        IsStaff = User.HasPermission(Permissions.ApplicationsView);
        if (IsStaff)
        {
            Applications = await db.Applications.VisibleTo(scope).AsNoTracking().Where(a => a.CompanyId == id).OrderByDescending(a => a.ReceivedAt)
                .Select(a => new ApplicationRow(a.Id, a.Number, a.FiscalYear!.StartYear, a.CountryCode, a.Status, a.ReceivedAt)).ToListAsync();
        }
        Engagements = await db.Engagements.VisibleTo(scope).AsNoTracking().Where(e => e.CompanyId == id).OrderByDescending(e => e.FiscalYear!.StartYear)
            .Select(e => new EngagementRow(e.Id, e.Number, e.FiscalYear!.StartYear, e.CountryCode, e.Status, e.UsedMinutes, e.AllowanceMinutes, e.SupportStart, e.SupportEnd))
            .ToListAsync();
        return Page();
    }
}
