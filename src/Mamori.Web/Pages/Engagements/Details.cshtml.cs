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
public sealed class DetailsModel(AppDbContext db, DetailsQueries queries, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>What the page shows of the engagement itself, read in one statement with the size of its
    /// improvement plan (the page does not load the company, base or application entities).</summary>
    public sealed record Header(int Id, string Number, EngagementStatus Status, string CompanyName, int StartYear, string BaseName,
        string CountryCode, string? RegionCode, int AllowanceMinutes, int UsedMinutes, DateOnly? SupportStart, DateOnly? SupportEnd,
        int? ApplicationId, string? ApplicationNumber, string NextStep, Guid Version,
        bool ConsentCasePublication, bool ConsentSeminarSpeaking, bool ConsentSurvey, bool ConsentDataHandling,
        int PlanItemCount)
    {
        public AllowanceState AllowanceState => Mamori.Domain.Engagement.StateFor(UsedMinutes, AllowanceMinutes);
    }

    public sealed record ExpertRow(string Name, string Firm, bool Lead);

    public Header Engagement { get; private set; } = null!;
    public IReadOnlyList<ExpertRow> Experts { get; private set; } = [];
    public bool CanManage => this.EngagementRecord().Can(EngagementOperations.Manage);
    public bool CanLog => this.EngagementRecord().Can(EngagementOperations.LogSession);
    public bool CanUpload => this.EngagementRecord().Can(EngagementOperations.UploadDeliverable);
    public bool CanHearing => this.EngagementRecord().Can(EngagementOperations.Hearing);
    public bool CanSelfCheck => this.EngagementRecord().Can(EngagementOperations.SelfCheck);

    public sealed record DiagnosisRow(int Id, DiagnosisKind Kind, DiagnosisStatus Status, DateTimeOffset UpdatedAt, int? TotalScore, string By, bool FromApplication);

    public IReadOnlyList<DiagnosisRow> Diagnoses { get; private set; } = [];

    public sealed record SessionRow(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, string TimeZoneId, SessionMode Mode, SessionType Type,
        int Attendees, string Roles, string Language, int Minutes, string Summary, string Override, string? Expert);

    public sealed record VersionRow(int Id, int Number, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string UploadedBy, string Note);

    public sealed record DeliverableRow(int Id, DeliverableKind Kind, string Title, string Languages, string Prevailing, int? SessionId, List<VersionRow> Versions);

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];
    public IReadOnlyList<DeliverableRow> Deliverables { get; private set; } = [];

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
        // Five reads on one open connection: EF Core otherwise opens and closes it around each, and every SQLite open
        // registers EF Core's SQL functions on it again. It is closed before the page renders (ADR 17).
        await db.Database.OpenConnectionAsync();
        try
        {
            Engagement = await queries.Header(db, id);
            Experts = await queries.Experts(db, id).ToListAsync();
            Diagnoses = await queries.Diagnoses(db, id, Engagement.ApplicationId).ToListAsync();
            Sessions = await queries.Sessions(db, id).ToListAsync();
            Deliverables = await queries.Deliverables(db, id).ToListAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        NextStep ??= Engagement.NextStep;
        Version = Engagement.Version;
    }
}
