using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Applications;

/// <summary>The office enters an application received by mail or phone for a registered company, or
/// corrects one. The arrival time can be set, because it decides the order.</summary>
[RequirePermission(Permissions.ApplicationsManage)]
public sealed class EditModel(AppDbContext db, ApplicationIntake intake, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? CompanyId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public RequestInput Support { get; set; } = new();

    public int? Id { get; private set; }
    public string? Number { get; private set; }
    public Company? Company { get; private set; }
    public IReadOnlyList<(int Id, int StartYear)> Years { get; private set; } = [];
    public IReadOnlyList<(int Id, string Code, string Name)> Matches { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "年度")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public int? FiscalYearId { get; set; }

        [Display(Name = "拠点")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public int? BaseId { get; set; }

        [Display(Name = "受付日時（日本時間）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        public DateTime? ReceivedAtJst { get; set; }

        public Guid Version { get; set; }
    }

    private async Task<bool> LoadAsync(int? id)
    {
        Years = [.. (await db.FiscalYears.OrderByDescending(f => f.StartYear).Select(f => new { f.Id, f.StartYear }).ToListAsync()).Select(f => (f.Id, f.StartYear))];
        if (id is { } existing)
        {
            var application = await db.Applications.AsNoTracking().Where(a => a.Id == existing).Select(a => new { a.Id, a.Number, a.CompanyId }).SingleOrDefaultAsync();
            if (application is null)
            {
                return false;
            }
            Id = application.Id;
            Number = application.Number;
            CompanyId = application.CompanyId;
        }
        if (CompanyId is { } cid)
        {
            Company = await db.Companies.AsNoTracking().Include(c => c.Bases).SingleOrDefaultAsync(c => c.Id == cid);
            if (Company is null)
            {
                return false;
            }
        }
        else if (!string.IsNullOrWhiteSpace(Q))
        {
            var key = Company.MakeNameKey(Q);
            Matches = [.. (await db.Companies.AsNoTracking().Where(c => c.SearchText.Contains(key)).OrderBy(c => c.Code).Take(20)
                .Select(c => new { c.Id, c.Code, c.NameJa }).ToListAsync()).Select(c => (c.Id, c.Code, c.NameJa))];
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (id is { } existing)
        {
            var a = await db.Applications.AsNoTracking().Include(x => x.InformationAssets).SingleAsync(x => x.Id == existing);
            Input = new InputModel { FiscalYearId = a.FiscalYearId, BaseId = a.BaseId, ReceivedAtJst = Display.ToZone(a.ReceivedAt, "Asia/Tokyo").DateTime, Version = a.Version };
            Support = RequestInput.From(a);
        }
        else
        {
            Input.ReceivedAtJst = Display.ToZone(time.GetUtcNow(), "Asia/Tokyo").DateTime;
            var current = FiscalYear.StartYearOf(DateOnly.FromDateTime(Input.ReceivedAtJst.Value));
            Input.FiscalYearId = Years.Any(y => y.StartYear == current) ? Years.First(y => y.StartYear == current).Id : Years.Count > 0 ? Years[0].Id : null;
            Input.BaseId = Company?.Bases.FirstOrDefault()?.Id;
            Support.ConsentDataHandling = true;
        }
        Support.PadAssets();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (!await LoadAsync(id) || Company is null)
        {
            return NotFound();
        }
        Application? application = null;
        if (id is { } existing)
        {
            application = await db.Applications.Include(a => a.InformationAssets).SingleAsync(a => a.Id == existing);
            db.Entry(application).Property(a => a.Version).OriginalValue = Input.Version;
        }
        var year = Input.FiscalYearId is { } fyId ? await db.FiscalYears.SingleOrDefaultAsync(f => f.Id == fyId) : null;
        if (Input.FiscalYearId is not null && year is null)
        {
            ModelState.AddModelError("Input.FiscalYearId", t["年度を一覧から選んでください。"]);
        }
        var baseRecord = Company.Bases.FirstOrDefault(b => b.Id == Input.BaseId);
        if (Input.BaseId is not null && baseRecord is null)
        {
            ModelState.AddModelError("Input.BaseId", t["拠点はこの企業の拠点から選んでください。"]);
        }
        if (application is not null && application.Status == ApplicationStatus.Accepted
            && (application.BaseId != Input.BaseId || application.FiscalYearId != Input.FiscalYearId))
        {
            ModelState.AddModelError("Input.BaseId", t["採択済みの応募の拠点・年度は変更できません。"]);
        }
        Support.Validate(ModelState, t, nameof(Support), requireAssets: false);
        if (ModelState.IsValid && year is not null && baseRecord is not null)
        {
            var duplicate = await intake.FindDuplicateAsync(year.Id, baseRecord.CountryCode, Company.Id, Company.NameKey, application?.Id);
            if (duplicate is not null)
            {
                ModelState.AddModelError("Input.BaseId", t["この企業・国・年度の応募は既にあります（受付番号 {0}）。", duplicate.Number]);
            }
        }
        if (!ModelState.IsValid)
        {
            Support.PadAssets();
            return Page();
        }
        var receivedAt = new DateTimeOffset(DateTime.SpecifyKind(Input.ReceivedAtJst!.Value, DateTimeKind.Unspecified), TimeSpan.FromHours(9)).ToUniversalTime();
        if (application is null)
        {
            application = new Application { Number = "", CountryCode = baseRecord!.CountryCode, Channel = ApplicationChannel.Coordinator };
            db.Applications.Add(application);
        }
        application.FiscalYearId = year!.Id;
        application.CompanyId = Company.Id;
        application.BaseId = baseRecord!.Id;
        application.CountryCode = baseRecord.CountryCode;
        application.ReceivedAt = receivedAt;
        Support.ApplyTo(application);
        try
        {
            if (application.Number.Length == 0)
            {
                application.Number = await intake.NextApplicationNumberAsync(year);
                await intake.SaveWithNumbersAsync(async () => application.Number = await intake.NextApplicationNumberAsync(year));
            }
            else
            {
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return await this.ShowCurrentAsync(db, () => OnGetAsync(id));
        }
        TempData["Message"] = t["応募 {0} を保存しました。", application.Number].Value;
        return RedirectToPage("Details", new { id = application.Id });
    }
}
