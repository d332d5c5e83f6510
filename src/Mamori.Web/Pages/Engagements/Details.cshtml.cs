using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Engagements;

/// <summary>One engagement: hours against the allowance, sessions, deliverables, experts; the actions
/// the user may take here depend on the record check.</summary>
[RequirePermission(Permissions.EngagementsViewOwn)]
[EngagementOperation(nameof(EngagementOperations.View), RouteKey = "id")]
public sealed class DetailsModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public Engagement Engagement { get; private set; } = null!;
    public bool CanManage => this.EngagementRecord().Can(EngagementOperations.Manage);
    public bool CanLog => this.EngagementRecord().Can(EngagementOperations.LogSession);
    public bool CanUpload => this.EngagementRecord().Can(EngagementOperations.UploadDeliverable);
    public bool CanHearing => this.EngagementRecord().Can(EngagementOperations.Hearing);
    public bool CanSelfCheck => this.EngagementRecord().Can(EngagementOperations.SelfCheck);

    public sealed record DiagnosisRow(int Id, DiagnosisKind Kind, DiagnosisStatus Status, DateTimeOffset UpdatedAt, int? TotalScore, string By, bool FromApplication);

    public IReadOnlyList<DiagnosisRow> Diagnoses { get; private set; } = [];
    public IReadOnlyList<(PlanItemStatus Status, int Count)> PlanCounts { get; private set; } = [];

    public sealed record SessionRow(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, string TimeZoneId, SessionMode Mode, SessionType Type,
        int Attendees, string Roles, string Language, int Minutes, string Summary, string Override, string? Expert);

    public sealed record VersionRow(int Id, int Number, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string UploadedBy, string Note);

    public sealed record DeliverableRow(int Id, DeliverableKind Kind, string Title, string Languages, string Prevailing, int? SessionId, List<VersionRow> Versions);

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];
    public IReadOnlyList<DeliverableRow> Deliverables { get; private set; } = [];
    public IReadOnlyList<(string Name, string Firm, bool Lead, string Email)> Experts { get; private set; } = [];

    [BindProperty]
    [Display(Name = "次の予定")]
    [StringLength(500, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string? NextStep { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        return Page();
    }

    /// <summary>The expert or the office records what happens next (shown on the overviews).</summary>
    [EngagementOperation(nameof(EngagementOperations.LogSession), RouteKey = "id")]
    public async Task<IActionResult> OnPostNextStepAsync(int id)
    {
        if (ModelState.IsValid)
        {
            var engagement = await db.Engagements.SingleAsync(e => e.Id == id);
            db.Entry(engagement).Property(e => e.Version).OriginalValue = Version;
            engagement.NextStep = NextStep?.Trim() ?? "";
            try
            {
                await db.SaveChangesAsync();
                TempData["Message"] = t["次の予定を保存しました。"].Value;
                return RedirectToPage(new { id });
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                ModelState.AddModelError("", Conflicts.Message(t));
            }
        }
        await LoadAsync(id);
        return Page();
    }

    private async Task LoadAsync(int id)
    {
        Engagement = await db.Engagements.AsNoTracking()
            .Include(e => e.FiscalYear).Include(e => e.Company).Include(e => e.Base).ThenInclude(b => b!.Region).Include(e => e.Country)
            .Include(e => e.Application)
            .AsSplitQuery()
            .SingleAsync(e => e.Id == id);
        NextStep ??= Engagement.NextStep;
        Version = Engagement.Version;
        var applicationId = Engagement.ApplicationId;
        Diagnoses = await db.Diagnoses.AsNoTracking()
            .Where(d => d.EngagementId == id || applicationId != null && d.ApplicationId == applicationId && d.EngagementId == null)
            .OrderByDescending(d => d.UpdatedAt)
            .Select(d => new DiagnosisRow(d.Id, d.Kind, d.Status, d.UpdatedAt, d.TotalScore, d.CreatedByName, d.EngagementId == null))
            .ToListAsync();
        PlanCounts = [.. (await db.PlanItems.AsNoTracking().Where(p => p.EngagementId == id).GroupBy(p => p.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).Select(x => (x.Key, x.Count))];
        Experts = [.. (await db.EngagementExperts.AsNoTracking().Where(x => x.EngagementId == id).OrderByDescending(x => x.IsLead)
            .Select(x => new { x.Expert!.Name, x.Expert.Firm, x.IsLead, x.Expert.Email }).ToListAsync()).Select(x => (x.Name, x.Firm, x.IsLead, x.Email))];
        Sessions = await db.Sessions.AsNoTracking().Where(s => s.EngagementId == id).OrderBy(s => s.StartsAtUtc)
            .Select(s => new SessionRow(s.Id, s.Date, s.StartTime, s.EndTime, s.TimeZoneId, s.Mode, s.Type, s.AttendeeCount, s.AttendeeRoles,
                s.Language, s.Minutes, s.Summary, s.OverrideReason, s.Expert != null ? s.Expert.Name : null))
            .ToListAsync();
        var deliverables = await db.Deliverables.AsNoTracking().Where(d => d.EngagementId == id).OrderBy(d => d.CreatedAt)
            .Select(d => new
            {
                d.Id, d.Kind, d.Title, d.Languages, d.PrevailingLanguage, d.SessionId,
                Versions = d.Versions.OrderByDescending(v => v.Number)
                    .Select(v => new VersionRow(v.Id, v.Number, v.FileName, v.Size, v.Sha256, v.UploadedAt, v.UploadedByName, v.Note)).ToList(),
            }).ToListAsync();
        Deliverables = [.. deliverables.Select(d => new DeliverableRow(d.Id, d.Kind, d.Title, d.Languages, d.PrevailingLanguage, d.SessionId, d.Versions))];
    }
}
