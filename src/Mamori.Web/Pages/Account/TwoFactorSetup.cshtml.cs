using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Mamori.Web.Pages.Account;

/// <summary>Sets up an authenticator app: at the first sign-in of a role that requires it (with the pending cookie,
/// before any other page opens), or from the account page (optional for a company user, or a new phone). A new key is
/// shown as a QR code and as text; nothing is stored until a code from the app proves it was set up, so leaving
/// half-way changes nothing. The recovery codes are then shown once, on this page's answer, never stored in a cookie.</summary>
[EnableRateLimiting(ServiceRegistration.LoginRateLimit)]
public sealed class TwoFactorSetupModel(
    MamoriSignInManager signIn,
    UserManager<ApplicationUser> users,
    TwoFactorAccounts accounts,
    AuthenticatorCodes codes,
    IDataProtectionProvider protection,
    AppDbContext db,
    IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly TimeSpan SetupValidFor = TimeSpan.FromMinutes(30);

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The candidate key with its account, protected (and time-limited) so the form cannot swap it.</summary>
    [BindProperty]
    public string? Setup { get; set; }

    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    /// <summary>The otpauth link: on a phone, the app on the same phone opens it (no QR code to scan).</summary>
    public string SetupUri { get; private set; } = "";
    public string Account { get; private set; } = "";
    public bool Pending { get; private set; }
    public bool Required { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Mamori.TwoFactorSetup").ToTimeLimitedDataProtector();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindAsync() is not { } user)
        {
            return Expired();
        }
        Show(user, Totp.NewKey());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindAsync() is not { } user)
        {
            return Expired();
        }
        string? key = null;
        try
        {
            var parts = Protector.Unprotect(Setup ?? "").Split('|');
            key = parts.Length == 2 && parts[0] == user.Id ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Expired (more than 30 minutes) or altered: a new key below.
        }
        if (key is null)
        {
            ModelState.AddModelError(nameof(Code), t["設定の有効時間が過ぎました。新しいQRコードをもう一度アプリに登録してください。"]);
            Show(user, Totp.NewKey());
            return Page();
        }
        if (!await codes.AcceptAsync(Totp.FromBase32(key)!, user.Id, Code))
        {
            ModelState.AddModelError(nameof(Code), t["確認コードが正しくありません。アプリに登録したうえで、表示されている6桁の数字を入力してください。"]);
            Show(user, key);
            return Page();
        }
        RecoveryCodes = await accounts.EnableAsync(user, key);
        await db.AuditAsync(AuditActions.TwoFactorEnrolled, "User", user.Id, user.UserName ?? "");
        if (Pending)
        {
            await signIn.CompleteSecondFactorAsync(user, rememberDevice: false);
            await db.AuditAsync(AuditActions.Login, "User", user.Id, (user.UserName ?? "") + " (enrolment)");
        }
        else
        {
            // The new security stamp ends the account's other sessions, not this one.
            await signIn.RefreshSignInAsync(user);
        }
        Account = user.UserName ?? "";
        return Page();
    }

    /// <summary>The signed-in account, or the one whose password was just verified and who has no second factor yet.</summary>
    private async Task<ApplicationUser?> FindAsync()
    {
        ApplicationUser? user;
        if (User.Identity?.IsAuthenticated == true)
        {
            user = await users.GetUserAsync(User);
        }
        else
        {
            user = await signIn.PendingUserAsync();
            Pending = true;
            if (user is { TwoFactorEnabled: true })
            {
                return null;
            }
        }
        if (user is not null)
        {
            Required = Roles.RequiresTwoFactor(await users.GetRolesAsync(user));
        }
        return user;
    }

    private void Show(ApplicationUser user, string key)
    {
        Account = user.UserName ?? "";
        Key = Totp.Grouped(key);
        Setup = Protector.Protect(user.Id + "|" + key, SetupValidFor);
        Code = null;
        using var generator = new QRCodeGenerator();
        SetupUri = Totp.SetupUri(TwoFactorSettings.Issuer, Account, key);
        using var data = generator.CreateQrCode(SetupUri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(5);
    }

    private IActionResult Expired()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return NotFound();
        }
        TempData["Notice"] = t["ログインの手続きの有効時間が過ぎました。もう一度パスワードからログインしてください。"].Value;
        return RedirectToPage("Login", new { ReturnUrl });
    }
}
