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

namespace Mamori.Web.Pages.Experts;

/// <summary>Registers or edits an expert: person, firm, countries, languages, contact, login account.</summary>
[RequirePermission(Permissions.ExpertsManage)]
public sealed class EditModel(AppDbContext db, Lookups lookups, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }
    public string? Code { get; private set; }
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Accounts { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "氏名")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [Display(Name = "氏名（英語）")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? NameEn { get; set; }

        [Display(Name = "所属（事務所）")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Firm { get; set; }

        [Display(Name = "メール")]
        [EmailAddress(ErrorMessage = "{0}の形式が正しくありません。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Email { get; set; }

        [Display(Name = "電話")]
        [StringLength(40, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Phone { get; set; }

        [Display(Name = "契約事務所")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? ContractingOffice { get; set; }

        [Display(Name = "担当国")]
        public List<string> Countries { get; set; } = [];

        [Display(Name = "言語")]
        public List<string> Languages { get; set; } = [];

        [Display(Name = "ログインアカウント")]
        public string? UserId { get; set; }

        [Display(Name = "有効")]
        public bool IsActive { get; set; } = true;

        public Guid Version { get; set; }
    }

    private async Task PrepareAsync(int? id)
    {
        Countries = await lookups.CountriesAsync();
        var expertUsers = await users.GetUsersInRoleAsync(Roles.Expert);
        var linked = await db.Experts.Where(e => e.UserId != null && e.Id != (id ?? 0)).Select(e => e.UserId!).ToListAsync();
        Accounts = [.. expertUsers.Where(u => !linked.Contains(u.Id)).OrderBy(u => u.UserName).Select(u => (u.Id, $"{u.DisplayName} <{u.UserName}>"))];
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var e = await db.Experts.AsNoTracking().Include(x => x.Countries).SingleOrDefaultAsync(x => x.Id == existing);
            if (e is null)
            {
                return NotFound();
            }
            Id = e.Id;
            Code = e.Code;
            Input = new InputModel
            {
                Name = e.Name, NameEn = e.NameEn, Firm = e.Firm, Email = e.Email, Phone = e.Phone, ContractingOffice = e.ContractingOffice,
                Countries = [.. e.Countries.Select(c => c.CountryCode)], Languages = [.. e.Languages.Split(';', StringSplitOptions.RemoveEmptyEntries)],
                UserId = e.UserId, IsActive = e.IsActive, Version = e.Version,
            };
        }
        await PrepareAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Expert? expert = null;
        if (id is { } existing)
        {
            expert = await db.Experts.Include(x => x.Countries).SingleOrDefaultAsync(x => x.Id == existing);
            if (expert is null)
            {
                return NotFound();
            }
            Id = expert.Id;
            Code = expert.Code;
        }
        await PrepareAsync(id);
        if (Input.Countries.Count == 0)
        {
            ModelState.AddModelError("Input.Countries", t["担当国を1つ以上選んでください。"]);
        }
        foreach (var c in Input.Countries.Where(c => Countries.All(x => x.Code != c)))
        {
            ModelState.AddModelError("Input.Countries", t["担当国「{0}」は登録されていません。", c]);
        }
        foreach (var l in Input.Languages.Where(l => !Languages.IsValid(l)))
        {
            ModelState.AddModelError("Input.Languages", t["言語「{0}」は選べません。", l]);
        }
        if (!string.IsNullOrEmpty(Input.UserId) && Accounts.All(a => a.Id != Input.UserId))
        {
            ModelState.AddModelError("Input.UserId", t["ログインアカウントは、専門家の役割を持ち他の専門家に紐づいていないアカウントから選んでください。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var previousUser = expert?.UserId;
        if (expert is null)
        {
            var codes = await db.Experts.Select(e => e.Code).ToListAsync();
            var max = codes.Select(c => c.Length > 1 && int.TryParse(c.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
            expert = new Expert { Code = Expert.FormatCode(max + 1), Name = "" };
            db.Experts.Add(expert);
        }
        else
        {
            db.Entry(expert).Property(e => e.Version).OriginalValue = Input.Version;
        }
        expert.Name = Input.Name.Trim();
        expert.NameEn = Input.NameEn?.Trim() ?? "";
        expert.Firm = Input.Firm?.Trim() ?? "";
        expert.Email = Input.Email?.Trim() ?? "";
        expert.Phone = Input.Phone?.Trim() ?? "";
        expert.ContractingOffice = Input.ContractingOffice?.Trim() ?? "";
        expert.Languages = string.Join(";", Input.Languages.Distinct());
        expert.IsActive = Input.IsActive;
        expert.UserId = string.IsNullOrEmpty(Input.UserId) ? null : Input.UserId;
        var wanted = Input.Countries.Distinct().ToList();
        expert.Countries.RemoveAll(c => !wanted.Contains(c.CountryCode));
        foreach (var c in wanted.Where(c => expert.Countries.All(x => x.CountryCode != c)))
        {
            expert.Countries.Add(new ExpertCountry { CountryCode = c });
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await this.ShowCurrentAsync(db, () => OnGetAsync(id));
        }
        // The link decides what an account may see: renew the stamps so old cookies are rebuilt within a minute.
        foreach (var userId in new[] { previousUser, expert.UserId }.Where(u => u is not null).Distinct())
        {
            if (await users.FindByIdAsync(userId!) is { } user && (previousUser != expert.UserId || !expert.IsActive))
            {
                await users.UpdateSecurityStampAsync(user);
            }
        }
        TempData["Message"] = t["専門家「{0}」を保存しました。", expert.Name].Value;
        return RedirectToPage("Index");
    }
}
