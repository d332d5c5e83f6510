using System.Globalization;
using System.Security.Claims;
using Mamori.Data;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Infrastructure;

/// <summary>Adds what the record checks need to the cookie: the expert and company the account is
/// linked to. Changing a link renews the security stamp, so the cookie is rebuilt within a minute.</summary>
public sealed class MamoriClaimsFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimsPrincipalExtensions.DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(ClaimsPrincipalExtensions.DateStyleClaim, user.DateStyle.ToString()));
        if (user.CompanyId is { } companyId)
        {
            identity.AddClaim(new Claim(ClaimsPrincipalExtensions.CompanyIdClaim, companyId.ToString(CultureInfo.InvariantCulture)));
        }
        var expertId = await db.Experts.Where(e => e.UserId == user.Id && e.IsActive).Select(e => (int?)e.Id).FirstOrDefaultAsync();
        if (expertId is { } id)
        {
            identity.AddClaim(new Claim(ClaimsPrincipalExtensions.ExpertIdClaim, id.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
