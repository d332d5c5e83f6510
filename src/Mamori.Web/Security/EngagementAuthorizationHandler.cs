using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Mamori.Web.Security;

/// <summary>What a user may do with an engagement they can see: staff with the "all" permissions act on every
/// engagement; an expert only on engagements assigned to them; a company user on their own company's self-check
/// and plan. Whether they see it at all is <see cref="Visibility"/>'s row filter, not a case here: a resource
/// comes from a load through it, and a View requirement is never granted here.</summary>
public sealed class EngagementAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, EngagementResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, EngagementResource resource)
    {
        var user = context.User;
        var expertId = user.ExpertId();
        var assigned = expertId is { } id && resource.ExpertIds.Contains(id);
        var ownCompany = user.CompanyId() is { } companyId && companyId == resource.CompanyId;
        var ok = requirement.Name switch
        {
            nameof(EngagementOperations.Manage) => user.HasPermission(Permissions.EngagementsManage),
            nameof(EngagementOperations.LogSession) =>
                user.HasPermission(Permissions.SessionsManageAll)
                || user.HasPermission(Permissions.SessionsLogAssigned) && assigned,
            nameof(EngagementOperations.OverrideAllowance) => user.HasPermission(Permissions.SessionsManageAll),
            nameof(EngagementOperations.UploadDeliverable) =>
                user.HasPermission(Permissions.DeliverablesManageAll)
                || user.HasPermission(Permissions.DeliverablesUploadAssigned) && assigned,
            nameof(EngagementOperations.Hearing) =>
                user.HasPermission(Permissions.HearingsManageAll)
                || user.HasPermission(Permissions.HearingsConductAssigned) && assigned,
            nameof(EngagementOperations.SelfCheck) =>
                user.HasPermission(Permissions.HearingsManageAll)
                || user.HasPermission(Permissions.SelfCheckOwn) && ownCompany,
            nameof(EngagementOperations.UpdatePlanStatus) =>
                user.HasPermission(Permissions.HearingsManageAll)
                || user.HasPermission(Permissions.HearingsConductAssigned) && assigned
                || user.HasPermission(Permissions.PlanUpdateOwn) && ownCompany,
            _ => false,
        };
        if (ok)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
