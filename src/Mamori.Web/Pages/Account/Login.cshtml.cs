using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Account;

/// <summary>Sign-in. Unlike the stock Identity page it counts failures toward lockout, answers an unknown user, a
/// wrong password and a locked account alike and in the same time, and is rate-limited per client address.</summary>
[EnableRateLimiting(ServiceRegistration.LoginRateLimit)]
public sealed class LoginModel(
    MamoriSignInManager signIn,
    UserManager<ApplicationUser> users,
    AppDbContext db,
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

    private static string? s_dummyHash;

    public void OnGet()
    {
    }

    /// <summary>A hash of a random password made with the app's own hasher (same algorithm and iterations), so checking
    /// a password against it costs what checking a real account's does.</summary>
    private static string DummyHash(UserManager<ApplicationUser> users) =>
        s_dummyHash ??= users.PasswordHasher.HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // One answer for every failure (unknown account, disabled account, wrong password, locked account), in the
        // same time: an unknown account's password is checked against a dummy hash, so the response neither says nor
        // times whether the account exists. Lockout is counted per account (Identity); the per-address limit is the
        // rate limiter's, on the connection's address (forwarded headers only from configured proxies).
        var name = Input.UserName.Trim();
        string failed = t["ユーザー名またはパスワードが正しくありません。ログインの失敗が続くと、アカウントは15分間ロックされます。"];
        var user = await users.FindByNameAsync(name);
        if (user is null || !user.IsActive)
        {
            users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DummyHash(users), Input.Password);
            await db.AuditAsync(AuditActions.LoginFailed, "User", user?.Id ?? "", name[..Math.Min(name.Length, 100)]);
            ModelState.AddModelError("", failed);
            return Page();
        }
        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await db.AuditAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.LoginFailed, "User", user.Id, user.UserName ?? "");
            ModelState.AddModelError("", failed);
            return Page();
        }
        switch (await signIn.AfterPasswordAsync(user))
        {
            case MamoriSignInManager.SignInStep.SecondFactor:
                return RedirectToPage("TwoFactor", new { ReturnUrl = Url.LocalOrHome(ReturnUrl) });
            case MamoriSignInManager.SignInStep.Enrolment:
                return RedirectToPage("TwoFactorSetup", new { ReturnUrl = Url.LocalOrHome(ReturnUrl) });
            default:
                await db.AuditAsync(AuditActions.Login, "User", user.Id, user.UserName ?? "");
                return LocalRedirect(Url.LocalOrHome(ReturnUrl));
        }
    }
}
