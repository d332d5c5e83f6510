using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Engagements.Sessions;

/// <summary>Logs, corrects or removes one session (活動記録). Hours count against the engagement's
/// allowance: at 80 % the page warns; past 100 % it refuses unless a coordinator gives a reason.
/// Concurrent logging on the same engagement is serialised by the engagement's version token.</summary>
[RequirePermission(Permissions.EngagementsViewOwn)]
[EngagementOperation(nameof(EngagementOperations.LogSession))]
public sealed class EditModel(
    AppDbContext db, Lookups lookups, TimeProvider time, Display display, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Engagement Engagement { get; private set; } = null!;
    public int? Id { get; private set; }
    public bool CanOverride => this.EngagementRecord().Can(EngagementOperations.OverrideAllowance);
    public IReadOnlyList<string> TimeZones { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "日付")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        public DateOnly? Date { get; set; }

        [Display(Name = "開始時刻")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        public TimeOnly? StartTime { get; set; }

        [Display(Name = "終了時刻")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        public TimeOnly? EndTime { get; set; }

        [Display(Name = "タイムゾーン")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public string? TimeZoneId { get; set; }

        [Display(Name = "形式")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public SessionMode? Mode { get; set; }

        [Display(Name = "種別")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public SessionType? Type { get; set; }

        [Display(Name = "参加者数")]
        [Range(0, 10000, ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public int AttendeeCount { get; set; }

        [Display(Name = "参加者の役割")]
        [StringLength(300, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? AttendeeRoles { get; set; }

        [Display(Name = "言語")]
        public string Language { get; set; } = "ja";

        [Display(Name = "計上時間（時間）")]
        [Range(typeof(decimal), "0.25", "24", ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public decimal? Hours { get; set; }

        [Display(Name = "内容")]
        [StringLength(4000, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Summary { get; set; }

        [Display(Name = "枠超過の承認理由")]
        [StringLength(500, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? OverrideReason { get; set; }

        public Guid Version { get; set; }
    }

    private async Task LoadAsync(int engagementId)
    {
        Engagement = await db.Engagements.AsNoTracking().Include(e => e.Company).Include(e => e.Base).Include(e => e.FiscalYear)
            .SingleAsync(e => e.Id == engagementId);
        TimeZones = await lookups.TimeZonesAsync();
    }

    public async Task<IActionResult> OnGetAsync(int engagementId, int? id)
    {
        await LoadAsync(engagementId);
        if (id is { } sid)
        {
            var s = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == sid && x.EngagementId == engagementId);
            if (s is null)
            {
                return NotFound();
            }
            Id = s.Id;
            Input = new InputModel
            {
                Date = s.Date, StartTime = s.StartTime, EndTime = s.EndTime, TimeZoneId = s.TimeZoneId, Mode = s.Mode, Type = s.Type,
                AttendeeCount = s.AttendeeCount, AttendeeRoles = s.AttendeeRoles, Language = s.Language, Hours = Durations.ToHours(s.Minutes),
                Summary = s.Summary, OverrideReason = s.OverrideReason, Version = s.Version,
            };
        }
        else
        {
            Input.TimeZoneId = await lookups.TimeZoneForAsync(Engagement.CountryCode, Engagement.Base!.RegionCode);
            Input.Date = DateOnly.FromDateTime(Display.ToZone(time.GetUtcNow(), Input.TimeZoneId).DateTime);
            Input.Mode = SessionMode.Online;
            Input.Language = "ja";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int engagementId, int? id)
    {
        await LoadAsync(engagementId);
        Id = id;
        if (id is { } sid && !await db.Sessions.AnyAsync(s => s.Id == sid && s.EngagementId == engagementId))
        {
            return NotFound();
        }
        if (Input.Mode is { } mode && !Enum.IsDefined(mode))
        {
            ModelState.AddModelError("Input.Mode", t["形式を一覧から選んでください。"]);
        }
        if (Input.Type is { } type && !Enum.IsDefined(type))
        {
            ModelState.AddModelError("Input.Type", t["種別を一覧から選んでください。"]);
        }
        if (!Languages.IsValid(Input.Language))
        {
            ModelState.AddModelError("Input.Language", t["言語を一覧から選んでください。"]);
        }
        if (Input.TimeZoneId is not null && !TimeZones.Contains(Input.TimeZoneId))
        {
            ModelState.AddModelError("Input.TimeZoneId", t["タイムゾーンを一覧から選んでください。"]);
        }
        if (Input.Date is { } date && !Engagement.FiscalYear!.Contains(date))
        {
            ModelState.AddModelError("Input.Date", t["日付は{0}（{1}～{2}）の範囲にしてください。", display.FiscalYear(Engagement.FiscalYear.StartYear),
                display.Date(Engagement.FiscalYear.FirstDay), display.Date(Engagement.FiscalYear.LastDay)]);
        }
        if (!CanOverride && !string.IsNullOrWhiteSpace(Input.OverrideReason))
        {
            ModelState.AddModelError("Input.OverrideReason", t["支援時間枠の超過を承認できるのは事務局だけです。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Hours default to the span between start and end.
        var minutes = Input.Hours is { } h ? Durations.FromHours(h) : (int)(Input.EndTime!.Value - Input.StartTime!.Value).TotalMinutes / 15 * 15;

        for (var attempt = 1; ; attempt++)
        {
            var engagement = await db.Engagements.SingleAsync(e => e.Id == engagementId);
            var session = id is { } existingId ? await db.Sessions.SingleAsync(s => s.Id == existingId) : null;
            if (session is not null && attempt == 1)
            {
                db.Entry(session).Property(s => s.Version).OriginalValue = Input.Version;
            }
            var before = session?.Minutes ?? 0;
            var change = session is null ? SessionChange.Logged : SessionChange.Changed;
            session ??= new EngagementSession
            {
                EngagementId = engagementId, TimeZoneId = Input.TimeZoneId!, CreatedByUserId = User.UserId(), ExpertId = User.ExpertId(),
            };
            try
            {
                session.SetTimes(Input.Date!.Value, Input.StartTime!.Value, Input.EndTime!.Value, Input.TimeZoneId!, minutes);
                session.Mode = Input.Mode!.Value;
                session.Type = Input.Type!.Value;
                session.AttendeeCount = Input.AttendeeCount;
                session.AttendeeRoles = Input.AttendeeRoles?.Trim() ?? "";
                session.Language = Input.Language;
                session.Summary = Input.Summary?.Trim() ?? "";
                var state = engagement.Record(change, session, CanOverride ? Input.OverrideReason : null, before);
                await db.SaveChangesAsync();
                TempData["Message"] = state switch
                {
                    AllowanceState.Warning => t["活動記録を保存しました。支援時間枠の{0}%を使用しています（残り{1}時間）。",
                        Engagement.PercentUsed(engagement.UsedMinutes, engagement.AllowanceMinutes),
                        Durations.Format(engagement.AllowanceMinutes - engagement.UsedMinutes)].Value,
                    AllowanceState.Over => t["活動記録を保存しました。支援時間枠を{0}時間超えています（承認理由: {1}）。",
                        Durations.Format(engagement.UsedMinutes - engagement.AllowanceMinutes), session.OverrideReason].Value,
                    _ => t["活動記録を保存しました。"].Value,
                };
                return RedirectToPage("/Engagements/Details", new { id = engagementId });
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                ModelState.AddModelError("Input." + (ex.Field ?? ""), t.Localize(ex));
                return Page();
            }
            catch (DbUpdateConcurrencyException ex) when (attempt < 3 && ex.Entries.All(x => x.Entity is Engagement))
            {
                // Someone logged hours on the same engagement meanwhile: re-read the total and re-check the allowance.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                return await this.ShowCurrentAsync(db, () => OnGetAsync(engagementId, id));
            }
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int engagementId, int id)
    {
        for (var attempt = 1; ; attempt++)
        {
            var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id && s.EngagementId == engagementId);
            if (session is null)
            {
                return NotFound();
            }
            var engagement = await db.Engagements.SingleAsync(e => e.Id == engagementId);
            engagement.Record(SessionChange.Removed, session);
            db.Sessions.Remove(session);
            try
            {
                await db.SaveChangesAsync();
                TempData["Message"] = t["活動記録を削除しました。"].Value;
                return RedirectToPage("/Engagements/Details", new { id = engagementId });
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
