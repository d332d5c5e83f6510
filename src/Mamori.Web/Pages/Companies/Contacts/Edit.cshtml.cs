using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Companies.Contacts;

/// <summary>A contact person at the Japanese head office or at one of the company's bases.</summary>
[RequirePermission(Permissions.CompaniesManage)]
public sealed class EditModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Company Company { get; private set; } = null!;
    public int? Id { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "氏名")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [Display(Name = "所属")]
        public int? BaseId { get; set; }

        [Display(Name = "部署")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Department { get; set; }

        [Display(Name = "役職")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Title { get; set; }

        [Display(Name = "メール")]
        [EmailAddress(ErrorMessage = "{0}の形式が正しくありません。")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Email { get; set; }

        [Display(Name = "電話")]
        [StringLength(40, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Phone { get; set; }

        [Display(Name = "希望言語")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public string Language { get; set; } = "ja";

        public Guid Version { get; set; }
    }

    private async Task<bool> LoadAsync(int companyId, int? id)
    {
        var company = await db.Companies.Include(c => c.Bases).Include(c => c.Contacts).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == companyId);
        if (company is null || id is { } cid && company.Contacts.All(c => c.Id != cid))
        {
            return false;
        }
        Company = company;
        Id = id;
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
            var c = Company.Contacts.Single(x => x.Id == existing);
            Input = new InputModel
            {
                Name = c.Name, BaseId = c.BaseId, Department = c.Department, Title = c.Title, Email = c.Email, Phone = c.Phone,
                Language = c.Language, Version = c.Version,
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
        if (Input.BaseId is { } bid && Company.Bases.All(b => b.Id != bid))
        {
            ModelState.AddModelError("Input.BaseId", t["所属はこの企業の本社または拠点から選んでください。"]);
        }
        if (!Languages.IsValid(Input.Language))
        {
            ModelState.AddModelError("Input.Language", t["希望言語を一覧から選んでください。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var contact = id is { } cid ? Company.Contacts.Single(c => c.Id == cid) : null;
        if (contact is null)
        {
            contact = new Contact { Name = "" };
            Company.Contacts.Add(contact);
        }
        else
        {
            db.Entry(contact).Property(c => c.Version).OriginalValue = Input.Version;
        }
        contact.Name = Input.Name.Trim();
        contact.BaseId = Input.BaseId;
        contact.Department = Input.Department?.Trim() ?? "";
        contact.Title = Input.Title?.Trim() ?? "";
        contact.Email = Input.Email?.Trim() ?? "";
        contact.Phone = Input.Phone?.Trim() ?? "";
        contact.Language = Input.Language;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await this.ShowCurrentAsync(db, () => OnGetAsync(companyId, id));
        }
        TempData["Message"] = t["担当者「{0}」を保存しました。", contact.Name].Value;
        return RedirectToPage("/Companies/Details", new { id = companyId });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int companyId, int id)
    {
        if (!await LoadAsync(companyId, id))
        {
            return NotFound();
        }
        var contact = Company.Contacts.Single(c => c.Id == id);
        db.Contacts.Remove(contact);
        await db.SaveChangesAsync();
        TempData["Message"] = t["担当者「{0}」を削除しました。", contact.Name].Value;
        return RedirectToPage("/Companies/Details", new { id = companyId });
    }
}
