using System.Security.Claims;
using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Security;

/// <summary>Refuses a sign-in cookie whose security stamp is no longer the account's: after sign-out,
/// a password change, deactivation or a change of role or link, a copied cookie stops working at once on
/// this instance and within <see cref="CacheFor"/> on others. The account's current stamp is cached, so
/// this costs one memory lookup per request and one query per account per minute. A session of a role that requires a
/// second factor is refused while the account has none (after an administrator's reset, or a session begun before the
/// rule): the sign-in page then enrols the account.</summary>
public sealed class SessionRevocation(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity) : ISecurityStampObserver
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private static string Key(string userId) => "stamp:" + userId;

    public void Changed(string userId) => cache.Remove(Key(userId));

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }
        var current = await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.IsActive, u.TwoFactorEnabled }).SingleOrDefaultAsync();
            return user is { IsActive: true } ? new Account(user.SecurityStamp, user.TwoFactorEnabled) : null;
        });
        return current is not null && string.Equals(current.Stamp, stamp, StringComparison.Ordinal)
            && (current.TwoFactorEnabled || !Roles.RequiresTwoFactor(principal.FindAll(identity.Value.ClaimsIdentity.RoleClaimType).Select(c => c.Value)));
    }

    private sealed record Account(string? Stamp, bool TwoFactorEnabled);
}
