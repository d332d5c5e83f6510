using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Mamori.Data;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Admin.Users;

/// <summary>Creates an account or changes its role, company, activity; unlocks it; issues a new
/// password (shown once). Every change renews the security stamp, so open sessions follow within a minute.</summary>
[RequirePermission(Permissions.UsersManage)]
public sealed class EditModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    TwoFactorAccounts twoFactor,
    AppDbContext db,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? Id { get; private set; }
    public bool IsLockedOut { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public bool IsSelf { get; private set; }
    public string? IssuedPassword { get; private set; }
    public IReadOnlyList<(int Id, string Code, string Name)> Companies { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "ユーザー名（メールアドレス）")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [EmailAddress(ErrorMessage = "{0}の形式が正しくありません。")]
        [StringLength(256, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string UserName { get; set; } = "";

        [Display(Name = "表示名")]
        [Required(ErrorMessage = "{0}を入力してください。")]
        [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string DisplayName { get; set; } = "";

        [Display(Name = "役割")]
        [Required(ErrorMessage = "{0}を選んでください。")]
        public string? Role { get; set; }

        [Display(Name = "所属企業")]
        public int? CompanyId { get; set; }

        [Display(Name = "有効")]
        public bool IsActive { get; set; } = true;
    }

    private async Task PrepareAsync() =>
        Companies = [.. (await db.Companies.AsNoTracking().Where(c => !c.IsProvisional).OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.NameJa }).ToListAsync())
            .Select(c => (c.Id, c.Code, c.NameJa))];

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        await PrepareAsync();
        if (id is not null)
        {
            var user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return NotFound();
            }
            Id = user.Id;
            IsLockedOut = await users.IsLockedOutAsync(user);
            TwoFactorEnabled = user.TwoFactorEnabled;
            IsSelf = user.Id == users.GetUserId(User);
            Input = new InputModel
            {
                UserName = user.UserName ?? "", DisplayName = user.DisplayName, Role = (await users.GetRolesAsync(user)).FirstOrDefault(),
                CompanyId = user.CompanyId, IsActive = user.IsActive,
            };
        }
        IssuedPassword = TempData["IssuedPassword"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        await PrepareAsync();
        ApplicationUser? user = null;
        if (id is not null)
        {
            user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return NotFound();
            }
            Id = id;
        }
        if (Input.Role is not null && !Roles.All.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", t["役割を一覧から選んでください。"]);
        }
        if (Input.Role == Roles.CompanyUser && Input.CompanyId is null)
        {
            ModelState.AddModelError("Input.CompanyId", t["企業ユーザーには所属企業が必要です。"]);
        }
        if (Input.CompanyId is { } cid && Companies.All(c => c.Id != cid))
        {
            ModelState.AddModelError("Input.CompanyId", t["所属企業を一覧から選んでください。"]);
        }
        if (user is not null && user.Id == users.GetUserId(User) && (Input.Role != Roles.Administrator || !Input.IsActive))
        {
            ModelState.AddModelError("Input.Role", t["自分自身の管理者権限を外したり無効にしたりはできません。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        string? password = null;
        if (user is null)
        {
            user = new ApplicationUser { CreatedAt = time.GetUtcNow() };
            password = NewPassword();
        }
        user.UserName = Input.UserName.Trim();
        user.Email = user.UserName;
        user.DisplayName = Input.DisplayName.Trim();
        user.CompanyId = Input.Role == Roles.CompanyUser ? Input.CompanyId : null;
        user.IsActive = Input.IsActive;
        var result = password is null ? await users.UpdateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.UserName", error.Description);
            }
            return Page();
        }
        var current = await users.GetRolesAsync(user);
        if (!current.SequenceEqual([Input.Role!]))
        {
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, Input.Role!);
        }
        await users.UpdateSecurityStampAsync(user);
        if (user.Id == users.GetUserId(User))
        {
            // The new stamp ends other sessions of this account, not the one making the change.
            await signIn.RefreshSignInAsync(user);
        }
        if (password is not null)
        {
            TempData["IssuedPassword"] = password;
        }
        TempData["Message"] = t["{0} を保存しました。", user.UserName ?? ""].Value;
        return RedirectToPage(new { id = user.Id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await db.AuditAsync(AuditActions.Unlocked, "User", user.Id, user.UserName ?? "");
        TempData["Message"] = t["ロックを解除しました。"].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (user.Id == users.GetUserId(User))
        {
            // One's own password is changed on the account page, with the current one; here it would end one's session.
            return BadRequest();
        }
        var password = NewPassword();
        await users.RemovePasswordAsync(user);
        var result = await users.AddPasswordAsync(user, password);
        if (!result.Succeeded)
        {
            TempData["Message"] = string.Join(" ", result.Errors.Select(e => e.Description));
            return RedirectToPage(new { id });
        }
        await users.UpdateSecurityStampAsync(user);
        // The password and stamp columns are not audited as changes (ADR 18); the act is.
        await db.AuditAsync(AuditActions.PasswordReset, "User", user.Id, user.UserName ?? "");
        TempData["IssuedPassword"] = password;
        TempData["Message"] = t["新しいパスワードを発行しました。他の端末のログインは1分以内に無効になります。"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>For a lost phone without recovery codes: removes the account's second factor (audited). Its sessions end
    /// and its remembered devices are forgotten (new security stamp); a staff or expert account sets up a new app at its
    /// next sign-in. An administrator's own factor is changed on the account page, not here.</summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (user.Id == users.GetUserId(User) || !user.TwoFactorEnabled)
        {
            return BadRequest();
        }
        await twoFactor.RemoveAsync(user);
        await db.AuditAsync(AuditActions.TwoFactorReset, "User", user.Id, user.UserName ?? "");
        TempData["Message"] = t["{0} の二段階認証をリセットしました。次回ログイン時に認証アプリを設定し直します。", user.UserName ?? ""].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>16 random characters from an unambiguous alphabet (about 80 bits).</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
