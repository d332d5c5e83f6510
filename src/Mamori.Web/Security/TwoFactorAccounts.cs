using Mamori.Data;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Security;

/// <summary>Turning an account's second factor on and off, in one place for the enrolment page, the account page and
/// the administrator's reset. Each change renews the security stamp (Identity), which ends the account's other
/// sessions and forgets its remembered devices.</summary>
public sealed class TwoFactorAccounts(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store)
{
    /// <summary>Stores <paramref name="key"/> (already proven by a code from the app) as the account's authenticator,
    /// turns the second factor on, and returns new recovery codes, to be shown once.</summary>
    public async Task<IReadOnlyList<string>> EnableAsync(ApplicationUser user, string key)
    {
        await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return await RenewRecoveryCodesAsync(user);
    }

    public async Task<IReadOnlyList<string>> RenewRecoveryCodesAsync(ApplicationUser user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorSettings.RecoveryCodeCount) ?? []];

    /// <summary>Turns the second factor off and makes the old app's codes and the old recovery codes worthless. A role
    /// that requires a second factor is enrolled again at its next sign-in.</summary>
    public async Task RemoveAsync(ApplicationUser user)
    {
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        // New codes nobody is shown: the old ones stop working.
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorSettings.RecoveryCodeCount);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Code)));
        }
    }
}
