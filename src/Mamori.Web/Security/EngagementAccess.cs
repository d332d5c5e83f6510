using System.Globalization;
using System.Security.Claims;
using Mamori.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Security;

/// <summary>Loads an engagement through <see cref="Visibility"/> and asks the authorization handler what the user may
/// do with it. An engagement the user cannot see is not found (the caller answers 404, the record's existence is not
/// confirmed); a request for one that exists is written to the audit trail, as is every refused operation.</summary>
public sealed class EngagementAccess(AppDbContext db, IAuthorizationService authorization)
{
    public async Task<EngagementRecord?> FindAsync(ClaimsPrincipal user, int engagementId)
    {
        var resource = await db.Engagements.VisibleTo(AccessScope.For(user)).Where(e => e.Id == engagementId)
            .Select(e => new EngagementResource(e.Id, e.CompanyId, e.Experts.Select(x => x.ExpertId).ToList()))
            .SingleOrDefaultAsync();
        if (resource is null)
        {
            await db.AuditHiddenAsync(db.Engagements.Where(e => e.Id == engagementId), "Engagement", engagementId);
            return null;
        }
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in EngagementOperations.Decided)
        {
            if ((await authorization.AuthorizeAsync(user, resource, operation)).Succeeded)
            {
                allowed.Add(operation.Name);
            }
        }
        return new EngagementRecord(resource, allowed);
    }

    public Task AuditRefusedAsync(int engagementId, string operation) =>
        db.AuditAsync(AuditActions.Denied, "Engagement", engagementId.ToString(CultureInfo.InvariantCulture), $"{{\"operation\":\"{operation}\"}}");
}
