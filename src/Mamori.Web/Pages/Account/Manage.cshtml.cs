using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Account;

/// <summary>The user's own settings: date style, password, second factor (recovery codes; turning it off where the
/// role allows).</summary>
public sealed class ManageModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    TwoFactorAccounts twoFactor,
    AppDbContext db,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    [BindProperty]
    public DateStyle DateStyle { get; set; }

    public string Email { get; private set; } = "";
    public IList<string> RoleNames { get; private set; } = [];
    public bool TwoFactorEnabled { get; private set; }
    public bool TwoFactorRequired { get; private set; }
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Recovery codes just issued, shown once on this answer.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "{0}を入力してください。")]
        [Display(Name = "現在のパスワード")]
        [DataType(DataType.Password)]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "{0}を入力してください。")]
        [Display(Name = "新しいパスワード")]
        [DataType(DataType.Password)]
        [StringLength(256, MinimumLength = PasswordPolicy.MinimumLength, ErrorMessage = "{0}は{2}文字以上にしてください。")]
        public string New { get; set; } = "";

        [Display(Name = "新しいパスワード（確認）")]
        [DataType(DataType.Password)]
        [Compare(nameof(New), ErrorMessage = "確認用のパスワードが一致しません。")]
        public string Confirm { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        await LoadAsync(user);
        DateStyle = user.DateStyle;
        return Page();
    }

    public async Task<IActionResult> OnPostDatesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        if (!Enum.IsDefined(DateStyle))
        {
            return BadRequest();
        }
        user.DateStyle = DateStyle;
        await users.UpdateAsync(user);
        Response.Cookies.Delete(Display.DateStyleCookie, new CookieOptions { Secure = Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = t["表示設定を保存しました。"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        ModelState.Remove(nameof(DateStyle));
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Password.Current, Password.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Password.New", error.Description);
            }
            await LoadAsync(user);
            return Page();
        }
        // ChangePassword renewed the security stamp: other sessions end; keep this one.
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = t["パスワードを変更しました。他の端末のログインは1分以内に無効になります。"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { TwoFactorEnabled: true } user)
        {
            return NotFound();
        }
        NewRecoveryCodes = await twoFactor.RenewRecoveryCodesAsync(user);
        await db.AuditAsync(AuditActions.RecoveryCodesRenewed, "User", user.Id, user.UserName ?? "");
        ModelState.Clear();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableTwoFactorAsync()
    {
        if (await users.GetUserAsync(User) is not { TwoFactorEnabled: true } user)
        {
            return NotFound();
        }
        if (Roles.RequiresTwoFactor(await users.GetRolesAsync(user)))
        {
            ModelState.AddModelError("", t["この役割のアカウントでは二段階認証を無効にできません。"]);
            await LoadAsync(user);
            return Page();
        }
        await twoFactor.RemoveAsync(user);
        await db.AuditAsync(AuditActions.TwoFactorDisabled, "User", user.Id, user.UserName ?? "");
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = t["二段階認証を無効にしました。"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        Email = user.UserName ?? "";
        RoleNames = await users.GetRolesAsync(user);
        DateStyle = user.DateStyle;
        TwoFactorEnabled = user.TwoFactorEnabled;
        TwoFactorRequired = Roles.RequiresTwoFactor(RoleNames);
        RecoveryCodesLeft = TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
    }
}
