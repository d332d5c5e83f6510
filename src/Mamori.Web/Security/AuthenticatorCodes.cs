using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Security;

/// <summary>Identity's authenticator token provider, replaced: it accepts a code within one step (30 s) of the clock
/// instead of three, reads the clock from <see cref="TimeProvider"/>, and accepts each code once. The last accepted
/// step is kept on the account and moved forward in one conditional UPDATE, so two requests racing with the same code
/// cannot both win (RFC 6238 §5.2).</summary>
public sealed class AuthenticatorCodes(AppDbContext db, TimeProvider time) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var key = Totp.FromBase32(await manager.GetAuthenticatorKeyAsync(user));
        return key is not null && await AcceptAsync(key, user.Id, token);
    }

    /// <summary>True when <paramref name="typed"/> is the current code of <paramref name="key"/> and no code of its step
    /// or a later one was accepted for the account before; the step is then recorded.</summary>
    public async Task<bool> AcceptAsync(byte[] key, string userId, string? typed)
    {
        if (Totp.Normalize(typed) is not { } code || Totp.MatchingStep(key, code, time.GetUtcNow()) is not { } step)
        {
            return false;
        }
        return await db.Users
            .Where(u => u.Id == userId && (u.TotpLastStep == null || u.TotpLastStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step)) == 1;
    }
}
