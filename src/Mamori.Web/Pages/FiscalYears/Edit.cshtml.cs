using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.FiscalYears;

/// <summary>Creates or edits a program year with its target countries.</summary>
[RequirePermission(Permissions.FiscalYearsManage)]
public sealed class EditModel(AppDbContext db, Lookups lookups, Display display, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int BlankTargetRows = 3;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "年度（開始年・西暦）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [Range(1989, 2200, ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public int? StartYear { get; set; }

        [Display(Name = "事業名（正式名称）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(300, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string OfficialName { get; set; } = "";

        [Display(Name = "委託元")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Sponsor { get; set; }

        [Display(Name = "実施機関")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Implementer { get; set; }

        [Display(Name = "募集開始日")]
        public DateOnly? RecruitmentStart { get; set; }

        [Display(Name = "募集終了日")]
        public DateOnly? RecruitmentEnd { get; set; }

        [Display(Name = "支援開始日")]
        public DateOnly? SupportStart { get; set; }

        [Display(Name = "支援終了日")]
        public DateOnly? SupportEnd { get; set; }

        [Display(Name = "支援時間枠（1社1か国あたり・時間）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [Range(typeof(decimal), "0.25", "200", ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public decimal? AllowanceHours { get; set; } = 23;

        [Display(Name = "拠点設立相談の時間枠（時間）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [Range(typeof(decimal), "0", "10", ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public decimal? SetupConsultationHours { get; set; } = 1;

        public List<TargetInput> Targets { get; set; } = [];

        public Guid Version { get; set; }
    }

    public sealed class TargetInput
    {
        public string? CountryCode { get; set; }

        [Range(0, 1000, ErrorMessage = "目標社数は0～1000で入力してください。")]
        public int? Quota { get; set; }

        [StringLength(200, ErrorMessage = "備考は200文字以内で入力してください。")]
        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var year = await db.FiscalYears.AsNoTracking().Include(f => f.TargetCountries).SingleOrDefaultAsync(f => f.Id == existing);
            if (year is null)
            {
                return NotFound();
            }
            Id = year.Id;
            Input = new InputModel
            {
                StartYear = year.StartYear, OfficialName = year.OfficialName, Sponsor = year.Sponsor, Implementer = year.Implementer,
                RecruitmentStart = year.RecruitmentStart, RecruitmentEnd = year.RecruitmentEnd, SupportStart = year.SupportStart, SupportEnd = year.SupportEnd,
                AllowanceHours = Durations.ToHours(year.AllowanceMinutes), SetupConsultationHours = Durations.ToHours(year.SetupConsultationMinutes),
                Targets = [.. year.TargetCountries.OrderBy(x => x.Id).Select(x => new TargetInput { CountryCode = x.CountryCode, Quota = x.Quota, Note = x.Note })],
                Version = year.Version,
            };
        }
        else
        {
            var next = FiscalYear.StartYearOf(DateOnly.FromDateTime(DateTime.UtcNow));
            Input.StartYear = next;
            Input.OfficialName = JapaneseDates.FiscalYearLabel(next);
        }
        await PrepareAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        FiscalYear? year = null;
        if (id is { } existing)
        {
            year = await db.FiscalYears.Include(f => f.TargetCountries).SingleOrDefaultAsync(f => f.Id == existing);
            if (year is null)
            {
                return NotFound();
            }
            Id = year.Id;
        }
        var targets = Input.Targets.Where(x => !string.IsNullOrWhiteSpace(x.CountryCode)).ToList();
        for (var i = 0; i < Input.Targets.Count; i++)
        {
            var target = Input.Targets[i];
            if (!string.IsNullOrWhiteSpace(target.CountryCode) && !await lookups.IsCountryAsync(target.CountryCode))
            {
                ModelState.AddModelError($"Input.Targets[{i}].CountryCode", t["対象国 {0} 行目: 国コード「{1}」は登録されていません。", i + 1, target.CountryCode]);
            }
            if (string.IsNullOrWhiteSpace(target.CountryCode) && (target.Quota is not null || !string.IsNullOrWhiteSpace(target.Note)))
            {
                ModelState.AddModelError($"Input.Targets[{i}].CountryCode", t["対象国 {0} 行目: 国を選んでください。", i + 1]);
            }
        }
        if (Input.StartYear is { } sy && await db.FiscalYears.AnyAsync(f => f.StartYear == sy && f.Id != (id ?? 0)))
        {
            ModelState.AddModelError("Input.StartYear", t["{0}年度は既に登録されています。", sy]);
        }
        if (!ModelState.IsValid)
        {
            await PrepareAsync();
            return Page();
        }

        year ??= db.FiscalYears.Add(new FiscalYear { OfficialName = "" }).Entity;
        if (id is not null)
        {
            db.Entry(year).Property(f => f.Version).OriginalValue = Input.Version;
        }
        year.StartYear = Input.StartYear!.Value;
        year.OfficialName = JapaneseDates.NormalizeRangeMark(Input.OfficialName.Trim());
        year.Sponsor = Input.Sponsor?.Trim() ?? "";
        year.Implementer = Input.Implementer?.Trim() ?? "";
        year.RecruitmentStart = Input.RecruitmentStart;
        year.RecruitmentEnd = Input.RecruitmentEnd;
        year.SupportStart = Input.SupportStart;
        year.SupportEnd = Input.SupportEnd;
        year.AllowanceMinutes = Durations.FromHours(Input.AllowanceHours!.Value);
        year.SetupConsultationMinutes = Durations.FromHours(Input.SetupConsultationHours!.Value);

        // Keep target rows that stay (their ids, and so their audit history), add new ones, drop removed ones.
        var wanted = targets.GroupBy(x => x.CountryCode!).Select(g => g.First()).ToList();
        foreach (var removed in year.TargetCountries.Where(x => wanted.All(w => w.CountryCode != x.CountryCode)).ToList())
        {
            year.TargetCountries.Remove(removed);
        }
        foreach (var w in wanted)
        {
            var row = year.TargetCountries.FirstOrDefault(x => x.CountryCode == w.CountryCode);
            if (row is null)
            {
                row = new TargetCountry { CountryCode = w.CountryCode! };
                year.TargetCountries.Add(row);
            }
            row.Quota = w.Quota;
            row.Note = w.Note?.Trim() ?? "";
        }
        var problems = year.Validate().Select(p => (p.Field, Message: t[p.Message.Format, p.Message.Arguments].Value)).ToList();
        if (targets.GroupBy(x => x.CountryCode).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            problems.Add((nameof(FiscalYear.TargetCountries), t["対象国 {0} が重複しています。", await lookups.CountryNameAsync(dup.Key)].Value));
        }
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError("Input." + (field switch
                {
                    nameof(FiscalYear.AllowanceMinutes) => nameof(InputModel.AllowanceHours),
                    nameof(FiscalYear.SetupConsultationMinutes) => nameof(InputModel.SetupConsultationHours),
                    nameof(FiscalYear.TargetCountries) => "Targets",
                    _ => field,
                }), message);
            }
            await PrepareAsync();
            return Page();
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await this.ShowCurrentAsync(db, () => OnGetAsync(id));
        }
        lookups.ForgetFiscalYears();
        TempData["Message"] = t["{0}を保存しました。", display.FiscalYear(year.StartYear)].Value;
        return RedirectToPage("Details", new { id = year.Id });
    }

    private async Task PrepareAsync()
    {
        Countries = await lookups.CountriesAsync();
        while (Input.Targets.Count(x => string.IsNullOrWhiteSpace(x.CountryCode)) < BlankTargetRows)
        {
            Input.Targets.Add(new TargetInput());
        }
    }
}
