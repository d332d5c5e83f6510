using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Account;

/// <summary>The second step of sign-in: the code from the authenticator app, or one recovery code. Only reachable with
/// a verified password (Identity's pending cookie, <see cref="TwoFactorSettings.PendingFor"/>). Wrong codes count
/// toward the account's lockout like wrong passwords, and the page is rate-limited like the sign-in.</summary>
[EnableRateLimiting(ServiceRegistration.LoginRateLimit)]
public sealed class TwoFactorModel(MamoriSignInManager signIn, UserManager<ApplicationUser> users, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public bool RememberDevice { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public bool ShowRecovery { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.PendingUserAsync() is { TwoFactorEnabled: true } ? Page() : Expired();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.PendingUserAsync() is not { TwoFactorEnabled: true } user)
        {
            return Expired();
        }
        if (await users.IsLockedOutAsync(user))
        {
            return await FailedAsync(user, nameof(Code));
        }
        if (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Code ?? ""))
        {
            await signIn.CompleteSecondFactorAsync(user, RememberDevice);
            await db.AuditAsync(AuditActions.Login, "User", user.Id, (user.UserName ?? "") + " (authenticator)");
            return LocalRedirect(Url.LocalOrHome(ReturnUrl));
        }
        await users.AccessFailedAsync(user);
        return await FailedAsync(user, nameof(Code));
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        if (await signIn.PendingUserAsync() is not { TwoFactorEnabled: true } user)
        {
            return Expired();
        }
        ShowRecovery = true;
        if (await users.IsLockedOutAsync(user))
        {
            return await FailedAsync(user, nameof(RecoveryCode));
        }
        var code = (RecoveryCode ?? "").Trim().ToUpperInvariant();
        if (code.Length is > 0 and <= 64 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded)
        {
            await signIn.CompleteSecondFactorAsync(user, rememberDevice: false);
            var left = await users.CountRecoveryCodesAsync(user);
            await db.AuditAsync(AuditActions.RecoveryCodeUsed, "User", user.Id, $"{user.UserName} ({left} left)");
            TempData["Message"] = left <= TwoFactorSettings.FewRecoveryCodes
                ? t["リカバリーコードでログインしました。残りは{0}個です。アカウント設定で新しいコードを発行してください。", left].Value
                : t["リカバリーコードでログインしました。残りは{0}個です。", left].Value;
            return LocalRedirect(Url.LocalOrHome(ReturnUrl));
        }
        await users.AccessFailedAsync(user);
        return await FailedAsync(user, nameof(RecoveryCode));
    }

    private async Task<IActionResult> FailedAsync(ApplicationUser user, string field)
    {
        var locked = await users.IsLockedOutAsync(user);
        await db.AuditAsync(locked ? AuditActions.LockedOut : AuditActions.LoginFailed, "User", user.Id, (user.UserName ?? "") + " (second factor)");
        ModelState.AddModelError(field, locked
            ? t["確認に続けて失敗したため、アカウントは15分間ロックされました。"]
            : field == nameof(Code)
                ? t["確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。"]
                : t["リカバリーコードが正しくないか、すでに使われています。"]);
        Code = null;
        RecoveryCode = null;
        return Page();
    }

    /// <summary>No verified password waiting (never, or more than ten minutes ago): back to the sign-in.</summary>
    private RedirectToPageResult Expired()
    {
        TempData["Notice"] = t["ログインの手続きの有効時間が過ぎました。もう一度パスワードからログインしてください。"].Value;
        return RedirectToPage("Login", new { ReturnUrl });
    }
}
