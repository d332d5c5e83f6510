using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Account;

/// <summary>Sign-in. Unlike the stock Identity page it counts failures toward lockout, answers an
/// unknown user and a wrong password alike, and is rate-limited per client address.</summary>
[EnableRateLimiting(ServiceRegistration.LoginRateLimit)]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    AppDbContext db,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "{0}を入力してください。")]
        [Display(Name = "ユーザー名（メールアドレス）")]
        [StringLength(256)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "{0}を入力してください。")]
        [Display(Name = "パスワード")]
        [StringLength(256)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByNameAsync(Input.UserName.Trim());
        string generic = t["ユーザー名またはパスワードが正しくありません。"];
        if (user is null || !user.IsActive)
        {
            await db.AuditAsync(AuditActions.LoginFailed, "User", "", Input.UserName.Trim()[..Math.Min(Input.UserName.Trim().Length, 100)]);
            ModelState.AddModelError("", generic);
            return Page();
        }
        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await db.AuditAsync(AuditActions.LockedOut, "User", user.Id, user.UserName ?? "");
            ModelState.AddModelError("", t["ログインの失敗が続いたため、このアカウントは一時的にロックされています。15分後にもう一度お試しください。"]);
            return Page();
        }
        if (!result.Succeeded)
        {
            await db.AuditAsync(AuditActions.LoginFailed, "User", user.Id, user.UserName ?? "");
            ModelState.AddModelError("", generic);
            return Page();
        }
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[SessionLimits.SignedInItem] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await signIn.SignInAsync(user, properties);
        await db.AuditAsync(AuditActions.Login, "User", user.Id, user.UserName ?? "");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Url.Page("/Index")!);
    }
}
