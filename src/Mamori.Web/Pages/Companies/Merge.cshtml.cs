using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Companies;

/// <summary>Folds a provisional company (created by the public form) into a registered one: its bases,
/// contacts, applications, engagements and accounts move over, then the provisional record is deleted.
/// One transaction; refused when the move would create a second engagement for the same country and year.</summary>
[RequirePermission(Permissions.CompaniesManage)]
public sealed class MergeModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public Company Source { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Code, string Name, bool SameName)> Candidates { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty]
    [Display(Name = "統合先の企業")]
    [Required(ErrorMessage = "{0}を選んでください。")]
    public int? TargetId { get; set; }

    private async Task<bool> LoadAsync(int id)
    {
        var source = await db.Companies.AsNoTracking().Include(c => c.Bases).SingleOrDefaultAsync(c => c.Id == id && c.IsProvisional);
        if (source is null)
        {
            return false;
        }
        Source = source;
        var key = string.IsNullOrWhiteSpace(Q) ? source.NameKey : Company.MakeNameKey(Q);
        var list = await db.Companies.AsNoTracking().Where(c => c.Id != id && !c.IsProvisional && (c.NameKey == source.NameKey || c.SearchText.Contains(key)))
            .OrderBy(c => c.Code).Take(20).Select(c => new { c.Id, c.Code, c.NameJa, c.NameKey }).ToListAsync();
        Candidates = [.. list.Select(c => (c.Id, c.Code, c.NameJa, c.NameKey == source.NameKey))];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var target = TargetId is { } tid ? await db.Companies.Include(c => c.Bases).SingleOrDefaultAsync(c => c.Id == tid && c.Id != id) : null;
        if (TargetId is not null && target is null)
        {
            ModelState.AddModelError(nameof(TargetId), t["統合先の企業が見つかりません。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var source = await db.Companies.Include(c => c.Bases).Include(c => c.Contacts).SingleAsync(c => c.Id == id);
        var sourceEngagements = await db.Engagements.Where(e => e.CompanyId == id).ToListAsync();
        var taken = await db.Engagements.Where(x => x.CompanyId == target!.Id).Select(x => new { x.FiscalYearId, x.CountryCode }).ToListAsync();
        var clash = sourceEngagements.FirstOrDefault(e => taken.Any(x => x.FiscalYearId == e.FiscalYearId && x.CountryCode == e.CountryCode));
        if (clash is not null)
        {
            ModelState.AddModelError(nameof(TargetId), t["統合先には同じ年度・国の個別支援が既にあるため統合できません（{0}）。", clash.Number]);
            return Page();
        }
        var next = target!.Bases.Select(b => int.TryParse(b.Code.AsSpan(b.Code.LastIndexOf('-') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
        foreach (var b in source.Bases.ToList())
        {
            b.CompanyId = target.Id;
            b.Code = Base.FormatCode(target.Code, ++next);
            target.Bases.Add(b);
        }
        foreach (var contact in source.Contacts.ToList())
        {
            contact.CompanyId = target.Id;
        }
        await db.Applications.Where(a => a.CompanyId == id).ForEachAsync(a => a.CompanyId = target.Id);
        sourceEngagements.ForEach(e => e.CompanyId = target.Id);
        await db.Users.Where(u => u.CompanyId == id).ForEachAsync(u => u.CompanyId = target.Id);
        source.Bases.Clear();
        source.Contacts.Clear();
        db.Companies.Remove(source);
        target.RefreshKeys();
        await db.SaveChangesAsync();
        TempData["Message"] = t["{0}（仮登録 {1}）を {2} に統合しました。", source.NameJa, source.Code, target.NameJa].Value;
        return RedirectToPage("Details", new { id = target.Id });
    }
}
