using System.Security.Claims;
using Mamori.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Security;

/// <summary>Loads what the record check needs about an engagement and runs it: a user who may not
/// even view the engagement gets <see cref="Outcome.NotFound"/> (answer 404, the record's existence is
/// not confirmed); one who may view it but not do this gets <see cref="Outcome.Forbidden"/>.
/// Every refusal is written to the audit trail.</summary>
public sealed class EngagementAccess(AppDbContext db, IAuthorizationService authorization)
{
    public enum Outcome
    {
        Allowed,
        NotFound,
        Forbidden,
    }

    public async Task<(Outcome Outcome, EngagementResource? Resource)> CheckAsync(ClaimsPrincipal user, int engagementId, OperationAuthorizationRequirement operation)
    {
        var resource = await db.Engagements.AsNoTracking().Where(e => e.Id == engagementId)
            .Select(e => new EngagementResource(e.Id, e.CompanyId, e.Experts.Select(x => x.ExpertId).ToList()))
            .SingleOrDefaultAsync();
        if (resource is null)
        {
            return (Outcome.NotFound, null);
        }
        if (!(await authorization.AuthorizeAsync(user, resource, EngagementOperations.View)).Succeeded)
        {
            await db.AuditAsync(AuditActions.Denied, "Engagement", engagementId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{{\"operation\":\"{EngagementOperations.View.Name}\"}}");
            return (Outcome.NotFound, null);
        }
        if (operation != EngagementOperations.View && !(await authorization.AuthorizeAsync(user, resource, operation)).Succeeded)
        {
            await db.AuditAsync(AuditActions.Denied, "Engagement", engagementId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{{\"operation\":\"{operation.Name}\"}}");
            return (Outcome.Forbidden, resource);
        }
        return (Outcome.Allowed, resource);
    }

    public async Task<bool> CanAsync(ClaimsPrincipal user, EngagementResource resource, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;
}
