using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Companies;

/// <summary>Registers or edits the Japanese company (head office data).</summary>
[RequirePermission(Permissions.CompaniesManage)]
public sealed class EditModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }
    public string? Code { get; private set; }
    public IReadOnlyList<(int Id, string Code, string Name)> SameName { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "企業名")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string NameJa { get; set; } = "";

        [Display(Name = "企業名（英語）")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? NameEn { get; set; }

        [Display(Name = "本社所在地（都道府県）")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public string? Prefecture { get; set; }

        [Display(Name = "業種")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Industry { get; set; }

        [Display(Name = "規模")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public SizeBand? SizeBand { get; set; }

        [Display(Name = "従業員数")]
        [Range(0, 10_000_000, ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public int? Headcount { get; set; }

        [Display(Name = "資本金（円）")]
        [Range(0, 100_000_000_000_000, ErrorMessage = "{0}は{1}～{2}の範囲で入力してください。")]
        public long? CapitalYen { get; set; }

        [Display(Name = "確認済み")]
        public bool Confirmed { get; set; } = true;

        public Guid Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var c = await db.Companies.AsNoTracking().SingleOrDefaultAsync(x => x.Id == existing);
            if (c is null)
            {
                return NotFound();
            }
            Id = c.Id;
            Code = c.Code;
            Input = new InputModel
            {
                NameJa = c.NameJa, NameEn = c.NameEn, Prefecture = c.Prefecture, Industry = c.Industry, SizeBand = c.SizeBand,
                Headcount = c.Headcount, CapitalYen = c.CapitalYen, Confirmed = !c.IsProvisional, Version = c.Version,
            };
            await FindSameNameAsync(existing);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Company? company = null;
        if (id is { } existing)
        {
            company = await db.Companies.Include(c => c.Bases).SingleOrDefaultAsync(c => c.Id == existing);
            if (company is null)
            {
                return NotFound();
            }
            Id = company.Id;
            Code = company.Code;
        }
        if (Input.Prefecture is not null && !Prefectures.IsValid(Input.Prefecture))
        {
            ModelState.AddModelError("Input.Prefecture", t["都道府県を一覧から選んでください。"]);
        }
        if (Input.SizeBand is { } band && !Enum.IsDefined(band))
        {
            ModelState.AddModelError("Input.SizeBand", t["規模を一覧から選んでください。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (company is null)
        {
            company = new Company { Code = await NextCodeAsync(), NameJa = "", CreatedAt = time.GetUtcNow() };
            db.Companies.Add(company);
        }
        else
        {
            db.Entry(company).Property(c => c.Version).OriginalValue = Input.Version;
        }
        company.NameJa = Input.NameJa.Trim();
        company.NameEn = Input.NameEn?.Trim() ?? "";
        company.Prefecture = Input.Prefecture!;
        company.Industry = Input.Industry?.Trim() ?? "";
        company.SizeBand = Input.SizeBand!.Value;
        company.Headcount = Input.Headcount;
        company.CapitalYen = Input.CapitalYen;
        company.IsProvisional = !Input.Confirmed;
        company.RefreshKeys();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await this.ShowCurrentAsync(db, () => OnGetAsync(id));
        }
        TempData["Message"] = t["{0}を保存しました。", company.NameJa].Value;
        return RedirectToPage("Details", new { id = company.Id });
    }

    /// <summary>C0001, C0002 … (the unique index catches a race; the user then saves again).</summary>
    private async Task<string> NextCodeAsync()
    {
        var codes = await db.Companies.Where(c => EF.Functions.Like(c.Code, "C%")).Select(c => c.Code).ToListAsync();
        var max = codes.Select(c => int.TryParse(c.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return Company.FormatCode(max + 1);
    }

    private async Task FindSameNameAsync(int id)
    {
        var key = Company.MakeNameKey(Input.NameJa);
        SameName = [.. (await db.Companies.AsNoTracking().Where(c => c.NameKey == key && c.Id != id).Select(c => new { c.Id, c.Code, c.NameJa }).ToListAsync())
            .Select(c => (c.Id, c.Code, c.NameJa))];
    }
}
