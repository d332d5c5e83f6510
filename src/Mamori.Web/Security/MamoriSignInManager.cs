using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Mamori.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Security;

/// <summary>Identity's sign-in manager with Mamori's second-factor rules. After the password the account goes one of
/// three ways (<see cref="AfterPasswordAsync"/>): straight in, to the authenticator code, or, for a role that requires
/// a second factor (<see cref="Roles.RequiresTwoFactor"/>) and has none yet, to enrolment. Until then the browser only
/// holds Identity's short "two-factor pending" cookie, which opens no page but those two. Every full sign-in records
/// its time for the 12-hour limit (<see cref="SessionLimits"/>).</summary>
public sealed class MamoriSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TimeProvider time)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public enum SignInStep
    {
        SignedIn,
        SecondFactor,
        Enrolment,
    }

    /// <summary>Call once the password is verified (lockout counted).</summary>
    public async Task<SignInStep> AfterPasswordAsync(ApplicationUser user)
    {
        if (user.TwoFactorEnabled)
        {
            if (await IsTwoFactorClientRememberedAsync(user))
            {
                // The remembered device stands for the second factor it was remembered with.
                await UserManager.ResetAccessFailedCountAsync(user);
                await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
                return SignInStep.SignedIn;
            }
            await PendAsync(user);
            return SignInStep.SecondFactor;
        }
        if (Roles.RequiresTwoFactor(await UserManager.GetRolesAsync(user)))
        {
            await PendAsync(user);
            return SignInStep.Enrolment;
        }
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
        return SignInStep.SignedIn;
    }

    /// <summary>The account whose password was verified in this browser in the last minutes and which is waiting for
    /// its second factor or its enrolment; null when none (expired, or never).</summary>
    public async Task<ApplicationUser?> PendingUserAsync()
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        return user is { IsActive: true } ? user : null;
    }

    /// <summary>The second factor was given (a code, a recovery code, or the enrolment's first code): the failure count
    /// restarts, the pending cookie goes, the device is remembered if asked, and the session begins.</summary>
    public async Task CompleteSecondFactorAsync(ApplicationUser user, bool rememberDevice)
    {
        await UserManager.ResetAccessFailedCountAsync(user);
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (rememberDevice)
        {
            await RememberTwoFactorClientAsync(user);
        }
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
    }

    public override Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        authenticationProperties ??= new AuthenticationProperties();
        // A refresh (RefreshSignInAsync) passes the session's own properties: its start stays what it was.
        authenticationProperties.Items.TryAdd(SessionLimits.SignedInItem, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>Remembers this browser for <see cref="TwoFactorSettings.RememberDeviceFor"/>. Identity ties the
    /// remembered device to the security stamp, which signing out renews: a device would be forgotten at every sign-out.
    /// Here it is tied to the authenticator key instead, so it survives signing out and ends when the key does (a new
    /// app, the owner turning the factor off, an administrator's reset) or when its cookie expires.</summary>
    public override async Task RememberTwoFactorClientAsync(ApplicationUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorRememberMeScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        identity.AddClaim(new Claim(DeviceClaim, await DeviceStampAsync(user)));
        await Context.SignInAsync(IdentityConstants.TwoFactorRememberMeScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    public override async Task<bool> IsTwoFactorClientRememberedAsync(ApplicationUser user)
    {
        var result = await Context.AuthenticateAsync(IdentityConstants.TwoFactorRememberMeScheme);
        if (result.Principal is not { } device || device.FindFirstValue(ClaimTypes.Name) != user.Id || device.FindFirstValue(DeviceClaim) is not { } stamp)
        {
            return false; // no remembered device here: no need to read the key
        }
        var expected = await DeviceStampAsync(user);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stamp), Encoding.ASCII.GetBytes(expected));
    }

    private const string DeviceClaim = "mamori:device";

    /// <summary>A digest of the account's authenticator key (the key itself never leaves the server).</summary>
    private async Task<string> DeviceStampAsync(ApplicationUser user) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("mamori-remembered-device:" + user.Id + ":" + (await UserManager.GetAuthenticatorKeyAsync(user) ?? ""))));

    private Task PendAsync(ApplicationUser user) =>
        Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));
}
