using System.Security.Claims;
using Mamori.Domain;

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

public static class ScopeQueryExtensions
{
    /// <summary>Engagements the scope may see; an expert sees those they are assigned to, a company user their company's.
    /// The expert's set is an IN over the assignment table's ExpertId index (a correlated EXISTS scanned every engagement).</summary>
    public static IQueryable<Engagement> VisibleTo(this IQueryable<Engagement> query, AccessScope scope, IQueryable<EngagementExpert> assignments)
    {
        if (scope.All)
        {
            return query;
        }
        var expertId = scope.ExpertId ?? -1;
        var companyId = scope.CompanyId ?? -1;
        var assigned = assignments.Where(x => x.ExpertId == expertId).Select(x => x.EngagementId);
        return scope.CompanyId is null
            ? query.Where(e => assigned.Contains(e.Id))
            : query.Where(e => assigned.Contains(e.Id) || e.CompanyId == companyId);
    }
}
