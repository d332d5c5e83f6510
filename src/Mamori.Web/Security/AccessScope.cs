using System.Security.Claims;

namespace Mamori.Web.Security;

/// <summary>Which engagements and companies a user may see: all of them, those assigned to one expert,
/// those of one company, or none. Lists filter their queries with it; single records are checked by
/// <see cref="EngagementAuthorizationHandler"/>, which applies the same rule.</summary>
public sealed record AccessScope(bool All, int? ExpertId, int? CompanyId)
{
    public static readonly AccessScope None = new(false, null, null);

    public static AccessScope For(ClaimsPrincipal user)
    {
        if (user.HasPermission(Permissions.EngagementsViewAll))
        {
            return new AccessScope(true, null, null);
        }
        if (!user.HasPermission(Permissions.EngagementsViewOwn))
        {
            return None;
        }
        return new AccessScope(false, user.ExpertId(), user.CompanyId());
    }

    public bool IsNone => !All && ExpertId is null && CompanyId is null;
}
