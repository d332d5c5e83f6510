using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Security;

/// <summary>What every request's sign-in cookie goes through: the absolute 12-hour limit, the revocation
/// check, then Identity's periodic re-validation (which rebuilds the claims once a minute).</summary>
public static class SessionLimits
{
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    /// <summary>Authentication-properties item holding the UTC time of the password sign-in.</summary>
    public const string SignedInItem = "mamori:signed-in";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var expired = context.Properties.Items.TryGetValue(SignedInItem, out var signedIn)
            && DateTimeOffset.TryParse(signedIn, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            && time.GetUtcNow() - at > Absolute;
        if (expired || context.Principal is null || !await services.GetRequiredService<SessionRevocation>().IsCurrentAsync(context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
