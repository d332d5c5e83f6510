using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Applications;

/// <summary>One application: what was asked, the information list, consents, its history, and the
/// screening actions (move to another state with a reason; accept, which opens the engagement).</summary>
[RequirePermission(Permissions.ApplicationsView)]
public sealed class DetailsModel(
    AppDbContext db, ApplicationIntake intake, TimeProvider time, IAuthorizationService authorization, IStringLocalizer<SharedResource> t) : PageModel
{
    public Application Application { get; private set; } = null!;
    public Application? DuplicateOf { get; private set; }
    public IReadOnlyList<(int Id, string Name, string Firm)> Experts { get; private set; } = [];
    public IReadOnlyList<(int Id, string Code, string Name)> SameNameCompanies { get; private set; } = [];

    /// <summary>The two forms on this page bind only in their own handler (a handler parameter with a prefix),
    /// so the validation of one never blocks the other.</summary>
    public StatusInput Move { get; set; } = new();

    public AcceptInput Accept { get; set; } = new();

    public sealed class StatusInput
    {
        [Display(Name = "変更後の状態")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public ApplicationStatus? To { get; set; }

        [Display(Name = "理由")]
        [StringLength(1000, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Reason { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class AcceptInput
    {
        [Display(Name = "担当専門家")]
        public List<int> ExpertIds { get; set; } = [];

        [Display(Name = "メモ")]
        [StringLength(1000, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Reason { get; set; }

        public Guid Version { get; set; }
    }

    private async Task<bool> LoadAsync(int id)
    {
        var application = await db.Applications.VisibleTo(AccessScope.For(User)).AsNoTracking()
            .Include(a => a.FiscalYear)
            .Include(a => a.Company).ThenInclude(c => c!.Contacts)
            .Include(a => a.Base).ThenInclude(b => b!.Region)
            .Include(a => a.Country)
            .Include(a => a.InformationAssets)
            .Include(a => a.StatusChanges)
            .Include(a => a.Engagement)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return false;
        }
        Application = application;
        if (application.DuplicateOfId is { } dup)
        {
            DuplicateOf = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == dup);
        }
        var experts = await db.Experts.AsNoTracking().Where(e => e.IsActive && e.Countries.Any(c => c.CountryCode == application.CountryCode))
            .OrderBy(e => e.Code).Select(e => new { e.Id, e.Name, e.Firm }).ToListAsync();
        Experts = [.. experts.Select(e => (e.Id, e.Name, e.Firm))];
        if (application.Company!.IsProvisional)
        {
            var key = application.Company.NameKey;
            SameNameCompanies = [.. (await db.Companies.AsNoTracking().Where(c => c.NameKey == key && c.Id != application.CompanyId)
                .Select(c => new { c.Id, c.Code, c.NameJa }).ToListAsync()).Select(c => (c.Id, c.Code, c.NameJa))];
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Move.Version = Accept.Version = Application.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, [Bind(Prefix = "Move")] StatusInput move)
    {
        Move = move;
        if (!(await authorization.AuthorizeAsync(User, Permissions.ApplicationsManage)).Succeeded)
        {
            return Forbid();
        }
        var application = await db.Applications.Include(a => a.StatusChanges).Include(a => a.Engagement).SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return NotFound();
        }
        if (Move.To is ApplicationStatus.Accepted)
        {
            ModelState.AddModelError("Move.To", t["採択は「採択して個別支援を開始」から行ってください。"]);
        }
        else if (Move.To is { } to && !Enum.IsDefined(to))
        {
            ModelState.AddModelError("Move.To", t["変更後の状態を一覧から選んでください。"]);
        }
        if (ModelState.IsValid)
        {
            db.Entry(application).Property(a => a.Version).OriginalValue = Move.Version;
            try
            {
                application.ChangeStatus(Move.To!.Value, Move.Reason, User.UserId(), User.DisplayName(), time.GetUtcNow());
                if (Move.To == ApplicationStatus.Withdrawn && application.Engagement is { } engagement && engagement.Status is EngagementStatus.Planned or EngagementStatus.Active)
                {
                    engagement.Status = EngagementStatus.Cancelled;
                }
                await db.SaveChangesAsync();
                TempData["Message"] = t["状態を「{0}」に変更しました。", t[Names.Of(application.Status)]].Value;
                return RedirectToPage(new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(ex.Field == "Reason" ? "Move.Reason" : "Move.To", t.Localize(ex));
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", Conflicts.Message(t));
            }
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id);
        Move.Version = Accept.Version = Application.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(int id, [Bind(Prefix = "Accept")] AcceptInput accept)
    {
        Accept = accept;
        if (!(await authorization.AuthorizeAsync(User, Permissions.ApplicationsManage)).Succeeded)
        {
            return Forbid();
        }
        var application = await db.Applications.Include(a => a.StatusChanges).Include(a => a.Engagement).Include(a => a.FiscalYear)
            .SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return NotFound();
        }
        var validExperts = await db.Experts.Where(e => e.IsActive && e.Countries.Any(c => c.CountryCode == application.CountryCode)).Select(e => e.Id).ToListAsync();
        if (Accept.ExpertIds.Any(e => !validExperts.Contains(e)))
        {
            ModelState.AddModelError("Accept.ExpertIds", t["担当専門家はこの国を担当する有効な専門家から選んでください。"]);
        }
        var existing = await db.Engagements.Where(e => e.FiscalYearId == application.FiscalYearId && e.CompanyId == application.CompanyId && e.CountryCode == application.CountryCode)
            .Select(e => e.Number).FirstOrDefaultAsync();
        if (existing is not null)
        {
            ModelState.AddModelError("", t["この企業・国・年度の個別支援は既にあります（支援番号 {0}）。重複した応募は取下げまたは不採択にしてください。", existing]);
        }
        if (ModelState.IsValid)
        {
            db.Entry(application).Property(a => a.Version).OriginalValue = Accept.Version;
            try
            {
                var year = application.FiscalYear!;
                var engagement = application.Accept(year, await intake.NextEngagementNumberAsync(year, application.CountryCode), Accept.Reason, User.UserId(), User.DisplayName(), time.GetUtcNow());
                var lead = true;
                foreach (var expertId in Accept.ExpertIds.Distinct())
                {
                    engagement.Experts.Add(new EngagementExpert { ExpertId = expertId, IsLead = lead });
                    lead = false;
                }
                await intake.SaveWithNumbersAsync(async () => engagement.Number = await intake.NextEngagementNumberAsync(year, application.CountryCode));
                TempData["Message"] = t["採択し、個別支援 {0} を作成しました。", engagement.Number].Value;
                return RedirectToPage("/Engagements/Details", new { id = engagement.Id });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError("", t.Localize(ex));
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", Conflicts.Message(t));
            }
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id);
        Move.Version = Accept.Version = Application.Version;
        return Page();
    }
}
