using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Companies.Bases;

/// <summary>Adds, edits or removes an overseas base. The region must belong to the country.</summary>
[RequirePermission(Permissions.CompaniesManage)]
public sealed class EditModel(AppDbContext db, Lookups lookups, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Company Company { get; private set; } = null!;
    public int? Id { get; private set; }
    public string? Code { get; private set; }
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];
    public IReadOnlyList<Lookups.RegionItem> Regions { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "拠点名（日本語）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string NameJa { get; set; } = "";

        [Display(Name = "拠点名（現地語）")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? NameLocal { get; set; }

        [Display(Name = "種別")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public BaseType? Type { get; set; }

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
        public int? Headcount { get; set; }

        public Guid Version { get; set; }
    }

    private async Task<bool> LoadAsync(int companyId, int? id)
    {
        var company = await db.Companies.Include(c => c.Bases).SingleOrDefaultAsync(c => c.Id == companyId);
        if (company is null || id is { } bid && company.Bases.All(b => b.Id != bid))
        {
            return false;
        }
        Company = company;
        Id = id;
        Code = id is null ? null : company.Bases.Single(b => b.Id == id).Code;
        Countries = await lookups.CountriesAsync();
        Regions = await lookups.RegionsAsync();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int companyId, int? id)
    {
        if (!await LoadAsync(companyId, id))
        {
            return NotFound();
        }
        if (id is { } existing)
        {
            var b = Company.Bases.Single(x => x.Id == existing);
            Input = new InputModel
            {
                NameJa = b.NameJa, NameLocal = b.NameLocal, Type = b.Type, CountryCode = b.CountryCode, RegionCode = b.RegionCode,
                City = b.City, Headcount = b.Headcount, Version = b.Version,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int companyId, int? id)
    {
        if (!await LoadAsync(companyId, id))
        {
            return NotFound();
        }
        var existing = id is { } bid ? Company.Bases.Single(b => b.Id == bid) : null;
        if (Input.CountryCode is not null && !await lookups.IsCountryAsync(Input.CountryCode))
        {
            ModelState.AddModelError("Input.CountryCode", t["国・地域を一覧から選んでください。"]);
        }
        else if (!string.IsNullOrEmpty(Input.RegionCode)
                 && !await lookups.IsRegionOfAsync(Input.RegionCode, Input.CountryCode, allowInactive: existing?.RegionCode == Input.RegionCode))
        {
            ModelState.AddModelError("Input.RegionCode", t["州・省は選んだ国のものを一覧から選んでください。"]);
        }
        if (Input.Type is { } type && !Enum.IsDefined(type))
        {
            ModelState.AddModelError("Input.Type", t["種別を一覧から選んでください。"]);
        }
        if (existing is not null && existing.CountryCode != Input.CountryCode
            && await db.Applications.AnyAsync(a => a.BaseId == existing.Id))
        {
            ModelState.AddModelError("Input.CountryCode", t["応募のある拠点の国は変更できません。新しい拠点を追加してください。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var b = existing;
        if (b is null)
        {
            var next = Company.Bases.Count == 0 ? 1 : Company.Bases.Max(x => int.TryParse(x.Code.AsSpan(x.Code.LastIndexOf('-') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0) + 1;
            b = new Base { Code = Base.FormatCode(Company.Code, next), NameJa = "", CountryCode = Input.CountryCode! };
            Company.Bases.Add(b);
        }
        else
        {
            db.Entry(b).Property(x => x.Version).OriginalValue = Input.Version;
        }
        b.NameJa = Input.NameJa.Trim();
        b.NameLocal = Input.NameLocal?.Trim() ?? "";
        b.Type = Input.Type!.Value;
        b.CountryCode = Input.CountryCode!;
        b.RegionCode = string.IsNullOrEmpty(Input.RegionCode) ? null : Input.RegionCode;
        b.City = Input.City?.Trim() ?? "";
        b.Headcount = Input.Headcount;
        Company.RefreshKeys();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await this.ShowCurrentAsync(db, () => OnGetAsync(companyId, id));
        }
        TempData["Message"] = t["拠点「{0}」を保存しました。", b.NameJa].Value;
        return RedirectToPage("/Companies/Details", new { id = companyId });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int companyId, int id)
    {
        if (!await LoadAsync(companyId, id))
        {
            return NotFound();
        }
        var b = Company.Bases.Single(x => x.Id == id);
        if (await db.Applications.AnyAsync(a => a.BaseId == id) || await db.Engagements.AnyAsync(e => e.BaseId == id)
            || await db.Contacts.AnyAsync(c => c.BaseId == id))
        {
            ModelState.AddModelError("", t["応募・個別支援・担当者が登録されている拠点は削除できません。"]);
            return await OnGetAsync(companyId, id);
        }
        Company.Bases.Remove(b);
        db.Bases.Remove(b);
        Company.RefreshKeys();
        await db.SaveChangesAsync();
        TempData["Message"] = t["拠点「{0}」を削除しました。", b.NameJa].Value;
        return RedirectToPage("/Companies/Details", new { id = companyId });
    }
}
