using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Engagements;

/// <summary>The office sets the period, status and allowance of an engagement and assigns its experts.</summary>
[RequirePermission(Permissions.EngagementsManage)]
[EngagementOperation(nameof(EngagementOperations.Manage), RouteKey = "id")]
public sealed class EditModel(AppDbContext db, UserManager<ApplicationUser> users, Display display, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Engagement Engagement { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name, string Firm, bool CoversCountry)> Experts { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "状態")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public EngagementStatus? Status { get; set; }

        [Display(Name = "支援開始日")]
        public DateOnly? SupportStart { get; set; }

        [Display(Name = "支援終了日")]
        public DateOnly? SupportEnd { get; set; }

        [Display(Name = "支援時間枠（時間）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [Range(typeof(decimal), "0.25", "200", ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public decimal? AllowanceHours { get; set; }

        [Display(Name = "担当専門家")]
        public List<int> ExpertIds { get; set; } = [];

        [Display(Name = "主担当")]
        public int? LeadExpertId { get; set; }

        [Display(Name = "次の予定")]
        [StringLength(500, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? NextStep { get; set; }

        public Guid Version { get; set; }
    }

    private async Task<bool> LoadAsync(int id)
    {
        var engagement = await db.Engagements.AsNoTracking().Include(e => e.Company).Include(e => e.FiscalYear).Include(e => e.Experts)
            .SingleOrDefaultAsync(e => e.Id == id);
        if (engagement is null)
        {
            return false;
        }
        Engagement = engagement;
        var assigned = engagement.Experts.Select(x => x.ExpertId).ToList();
        var experts = await db.Experts.AsNoTracking().Where(x => x.IsActive || assigned.Contains(x.Id)).OrderBy(x => x.Code)
            .Select(x => new { x.Id, x.Name, x.Firm, Covers = x.Countries.Any(c => c.CountryCode == engagement.CountryCode) }).ToListAsync();
        Experts = [.. experts.OrderByDescending(x => x.Covers).Select(x => (x.Id, x.Name, x.Firm, x.Covers))];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var e = Engagement;
        Input = new InputModel
        {
            Status = e.Status, SupportStart = e.SupportStart, SupportEnd = e.SupportEnd, AllowanceHours = Durations.ToHours(e.AllowanceMinutes),
            ExpertIds = [.. e.Experts.Select(x => x.ExpertId)], LeadExpertId = e.Experts.FirstOrDefault(x => x.IsLead)?.ExpertId,
            NextStep = e.NextStep, Version = e.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Input.Status is { } status && !Enum.IsDefined(status))
        {
            ModelState.AddModelError("Input.Status", t["状態を一覧から選んでください。"]);
        }
        if (Input.SupportStart is { } start && Input.SupportEnd is { } end && end < start)
        {
            ModelState.AddModelError("Input.SupportEnd", t["支援終了日は支援開始日以降にしてください。"]);
        }
        foreach (var (field, date) in new[] { ("Input.SupportStart", Input.SupportStart), ("Input.SupportEnd", Input.SupportEnd) })
        {
            if (date is { } d && !Engagement.FiscalYear!.Contains(d))
            {
                ModelState.AddModelError(field, t["支援期間は{0}の範囲内にしてください。", display.FiscalYear(Engagement.FiscalYear.StartYear)]);
            }
        }
        if (Input.ExpertIds.Any(x => Experts.All(e => e.Id != x)))
        {
            ModelState.AddModelError("Input.ExpertIds", t["担当専門家を一覧から選んでください。"]);
        }
        if (Input.LeadExpertId is { } lead && !Input.ExpertIds.Contains(lead))
        {
            ModelState.AddModelError("Input.LeadExpertId", t["主担当は担当専門家の中から選んでください。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var engagement = await db.Engagements.Include(e => e.Experts).SingleAsync(e => e.Id == id);
        db.Entry(engagement).Property(e => e.Version).OriginalValue = Input.Version;
        var before = engagement.Experts.Select(x => x.ExpertId).ToHashSet();
        engagement.Status = Input.Status!.Value;
        engagement.SupportStart = Input.SupportStart;
        engagement.SupportEnd = Input.SupportEnd;
        engagement.AllowanceMinutes = Durations.FromHours(Input.AllowanceHours!.Value);
        engagement.NextStep = Input.NextStep?.Trim() ?? "";
        var wanted = Input.ExpertIds.Distinct().ToList();
        engagement.Experts.RemoveAll(x => !wanted.Contains(x.ExpertId));
        foreach (var expertId in wanted.Where(x => engagement.Experts.All(e => e.ExpertId != x)))
        {
            engagement.Experts.Add(new EngagementExpert { ExpertId = expertId });
        }
        var leadId = Input.LeadExpertId ?? wanted.FirstOrDefault();
        foreach (var x in engagement.Experts)
        {
            x.IsLead = x.ExpertId == leadId;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await this.ShowCurrentAsync(db, () => OnGetAsync(id));
        }
        // Experts who lost the engagement must stop seeing it now, not at their next sign-in.
        var removed = before.Except(wanted).ToList();
        if (removed.Count > 0)
        {
            var userIds = await db.Experts.Where(x => removed.Contains(x.Id) && x.UserId != null).Select(x => x.UserId!).ToListAsync();
            foreach (var userId in userIds)
            {
                if (await users.FindByIdAsync(userId) is { } user)
                {
                    await users.UpdateSecurityStampAsync(user);
                }
            }
        }
        TempData["Message"] = t["個別支援 {0} を保存しました。", engagement.Number].Value;
        return RedirectToPage("Details", new { id });
    }
}
