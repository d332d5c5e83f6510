using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Pages.Applications;
using Mamori.Web.Pages.Diagnoses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Apply;

/// <summary>The public application form (no account). Creates a provisional company with its base and
/// contacts and a received application; the arrival time decides the order (first come, first served).
/// A second application for the same company, country and year is accepted but marked as a duplicate
/// for the office, so the form never tells a stranger whether a company has applied.</summary>
[EnableRateLimiting(ServiceRegistration.PublicFormRateLimit)]
public sealed class IndexModel(AppDbContext db, Lookups lookups, ApplicationIntake intake, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public RequestInput Support { get; set; } = new();

    /// <summary>Honeypot: people never see or fill it; bots do.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public FiscalYear? Year { get; private set; }

    /// <summary>Token of a public self-check to attach ("apply for support with this result").</summary>
    [BindProperty(SupportsGet = true, Name = "selfcheck")]
    public string? SelfCheckToken { get; set; }

    /// <summary>The self-check that will be attached, if the token is valid and the check not yet attached.</summary>
    public Diagnosis? SelfCheck { get; private set; }

    private async Task LoadSelfCheckAsync(bool track)
    {
        if (string.IsNullOrEmpty(SelfCheckToken) || SelfCheckToken.Length > 64)
        {
            SelfCheckToken = null;
            return;
        }
        var hash = DiagnosisAnswers.HashToken(SelfCheckToken);
        var query = db.Diagnoses.Where(d => d.PublicTokenHash == hash && d.Kind == DiagnosisKind.PublicSelfCheck && d.ApplicationId == null);
        SelfCheck = await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync();
        if (SelfCheck is null)
        {
            SelfCheckToken = null;
        }
    }
    public IReadOnlyList<FiscalYear> OpenYears { get; private set; } = [];

    /// <summary>Which open year the application is for (only asked when more than one is open).</summary>
    [BindProperty]
    public int? FiscalYearId { get; set; }
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];
    public IReadOnlyList<Lookups.RegionItem> Regions { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "企業名")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string CompanyName { get; set; } = "";

        [Display(Name = "企業名（英語）")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? CompanyNameEn { get; set; }

        [Display(Name = "本社所在地（都道府県）")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public string? Prefecture { get; set; }

        [Display(Name = "業種")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Industry { get; set; }

        [Display(Name = "規模")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public SizeBand? SizeBand { get; set; }

        [Display(Name = "従業員数（本社）")]
        [Range(0, 10_000_000, ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public int? Headcount { get; set; }

        [Display(Name = "資本金（円）")]
        [Range(0, 100_000_000_000_000, ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public long? CapitalYen { get; set; }

        [Display(Name = "拠点名（日本語）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string BaseNameJa { get; set; } = "";

        [Display(Name = "拠点名（現地語）")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? BaseNameLocal { get; set; }

        [Display(Name = "拠点の種別")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public BaseType? BaseType { get; set; }

        [Display(Name = "国・地域")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public string? CountryCode { get; set; }

        [Display(Name = "州・省")]
        public string? RegionCode { get; set; }

        [Display(Name = "市・地区")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? City { get; set; }

        [Display(Name = "拠点の従業員数")]
        [Range(0, 10_000_000, ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public int? BaseHeadcount { get; set; }

        [Display(Name = "ご担当者名（日本）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string ContactName { get; set; } = "";

        [Display(Name = "部署・役職")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? ContactDepartment { get; set; }

        [Display(Name = "メールアドレス")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [EmailAddress(ErrorMessage = "{0}の形式が正しくありません。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string ContactEmail { get; set; } = "";

        [Display(Name = "電話番号")]
        [StringLength(40, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? ContactPhone { get; set; }

        [Display(Name = "現地のご担当者名")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? LocalContactName { get; set; }

        [Display(Name = "現地のご担当者のメールアドレス")]
        [EmailAddress(ErrorMessage = "{0}の形式が正しくありません。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? LocalContactEmail { get; set; }

        [Display(Name = "現地のご担当者の希望言語")]
        public string LocalContactLanguage { get; set; } = "ja";
    }

    private async Task<List<FiscalYear>> OpenYearsAsync()
    {
        var today = DateOnly.FromDateTime(Display.ToZone(time.GetUtcNow(), "Asia/Tokyo").DateTime);
        return await db.FiscalYears.Include(f => f.TargetCountries)
            .Where(f => f.RecruitmentStart != null && f.RecruitmentStart <= today && (f.RecruitmentEnd == null || f.RecruitmentEnd >= today))
            .OrderByDescending(f => f.StartYear)
            .ToListAsync();
    }

    private async Task PrepareAsync()
    {
        OpenYears = await OpenYearsAsync();
        Year = OpenYears.FirstOrDefault(f => f.Id == FiscalYearId) ?? (OpenYears.Count > 0 ? OpenYears[0] : null);
        FiscalYearId = Year?.Id;
        var targets = Year?.TargetCountries.Select(x => x.CountryCode).ToHashSet() ?? [];
        Countries = [.. (await lookups.CountriesAsync()).Where(c => targets.Contains(c.Code))];
        Regions = [.. (await lookups.RegionsAsync()).Where(r => targets.Contains(r.CountryCode))];
        Support.PadAssets();
    }

    public async Task OnGetAsync(int? year)
    {
        if (year is { } startYear)
        {
            FiscalYearId = await db.FiscalYears.Where(f => f.StartYear == startYear).Select(f => (int?)f.Id).FirstOrDefaultAsync();
        }
        await PrepareAsync();
        await LoadSelfCheckAsync(track: false);
        if (SelfCheck is not null)
        {
            // Pre-fill what the self-check knows: the company name and the first base country the program targets.
            Input.CompanyName = SelfCheck.RespondentCompany;
            var scope = SelfCheck.ScopeValue;
            if (scope.Bases.FirstOrDefault(b => Countries.Any(c => c.Code == b.Key)) is { Key: not null } target)
            {
                Input.CountryCode = target.Key;
                Input.BaseHeadcount = target.Value;
            }
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await PrepareAsync();
        if (Year is null)
        {
            return Page();
        }
        if (!string.IsNullOrEmpty(Website))
        {
            // A bot filled the honeypot: answer as if it worked, store nothing.
            TempData["ApplicationNumber"] = "—";
            return RedirectToPage("Thanks");
        }
        if (Input.Prefecture is not null && !Prefectures.IsValid(Input.Prefecture))
        {
            ModelState.AddModelError("Input.Prefecture", t["都道府県を一覧から選んでください。"]);
        }
        if (Input.SizeBand is { } size && !Enum.IsDefined(size))
        {
            ModelState.AddModelError("Input.SizeBand", t["規模を一覧から選んでください。"]);
        }
        if (Input.BaseType is { } type && !Enum.IsDefined(type))
        {
            ModelState.AddModelError("Input.BaseType", t["拠点の種別を一覧から選んでください。"]);
        }
        if (Input.CountryCode is not null && Countries.All(c => c.Code != Input.CountryCode))
        {
            ModelState.AddModelError("Input.CountryCode", t["国・地域は今年度の対象国から選んでください。"]);
        }
        else if (!string.IsNullOrEmpty(Input.RegionCode) && !await lookups.IsRegionOfAsync(Input.RegionCode, Input.CountryCode, allowInactive: false))
        {
            ModelState.AddModelError("Input.RegionCode", t["州・省は選んだ国のものを一覧から選んでください。"]);
        }
        if (!Languages.IsValid(Input.LocalContactLanguage))
        {
            ModelState.AddModelError("Input.LocalContactLanguage", t["希望言語を一覧から選んでください。"]);
        }
        Support.Validate(ModelState, t, nameof(Support), requireAssets: true);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow();
        var company = new Company
        {
            Code = "", NameJa = Input.CompanyName.Trim(), NameEn = Input.CompanyNameEn?.Trim() ?? "", Prefecture = Input.Prefecture!,
            Industry = Input.Industry?.Trim() ?? "", SizeBand = Input.SizeBand!.Value, Headcount = Input.Headcount, CapitalYen = Input.CapitalYen,
            IsProvisional = true, CreatedAt = now,
        };
        var baseRecord = new Base
        {
            Code = "", NameJa = Input.BaseNameJa.Trim(), NameLocal = Input.BaseNameLocal?.Trim() ?? "", Type = Input.BaseType!.Value,
            CountryCode = Input.CountryCode!, RegionCode = string.IsNullOrEmpty(Input.RegionCode) ? null : Input.RegionCode,
            City = Input.City?.Trim() ?? "", Headcount = Input.BaseHeadcount,
        };
        company.Bases.Add(baseRecord);
        company.Contacts.Add(new Contact
        {
            Name = Input.ContactName.Trim(), Department = Input.ContactDepartment?.Trim() ?? "", Email = Input.ContactEmail.Trim(),
            Phone = Input.ContactPhone?.Trim() ?? "", Language = "ja",
        });
        if (!string.IsNullOrWhiteSpace(Input.LocalContactName))
        {
            company.Contacts.Add(new Contact
            {
                Name = Input.LocalContactName.Trim(), Base = baseRecord, Email = Input.LocalContactEmail?.Trim() ?? "", Language = Input.LocalContactLanguage,
            });
        }
        var application = new Application
        {
            Number = "", FiscalYearId = Year.Id, Company = company, Base = baseRecord, CountryCode = baseRecord.CountryCode,
            ReceivedAt = now, Channel = ApplicationChannel.PublicForm,
        };
        Support.ApplyTo(application);
        var nameKey = Company.MakeNameKey(company.NameJa);
        application.DuplicateOfId = (await intake.FindDuplicateAsync(Year.Id, baseRecord.CountryCode, -1, nameKey))?.Id;
        db.Applications.Add(application);
        await LoadSelfCheckAsync(track: true);
        if (SelfCheck is not null)
        {
            // The self-check now belongs to the application: the office and, later, the expert see it.
            SelfCheck.Kind = DiagnosisKind.CompanySelfCheck;
            SelfCheck.Application = application;
            SelfCheck.Company = company;
            SelfCheck.UpdatedAt = now;
            SelfCheck.Version = Guid.NewGuid(); // two applications racing for one self-check: the second fails the concurrency check
        }

        async Task Renumber()
        {
            company.Code = await NextProvisionalCodeAsync();
            baseRecord.Code = Base.FormatCode(company.Code, 1);
            company.RefreshKeys();
            application.Number = await intake.NextApplicationNumberAsync(Year);
        }
        await Renumber();
        await intake.SaveWithNumbersAsync(Renumber);

        TempData["ApplicationNumber"] = application.Number;
        TempData["ReceivedAt"] = Display.ToZone(now, "Asia/Tokyo").ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return RedirectToPage("Thanks");
    }

    /// <summary>Provisional companies get a P-code until the office confirms them.</summary>
    private async Task<string> NextProvisionalCodeAsync()
    {
        var codes = await db.Companies.Where(c => EF.Functions.Like(c.Code, "P%")).Select(c => c.Code).ToListAsync();
        var max = codes.Select(c => int.TryParse(c.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return "P" + (max + 1).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
    }
}
