using System.Security.Claims;

namespace Mamori.Web.Security;

/// <summary>Who the user is for the visibility rule: staff (sees everything), an expert, a company user, or none.
/// <see cref="Visibility"/> turns it into row filters, for lists and single records alike.</summary>
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
