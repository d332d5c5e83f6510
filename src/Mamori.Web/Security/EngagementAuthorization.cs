using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Mamori.Web.Security;

/// <summary>What the record check needs to know about one engagement.</summary>
public sealed record EngagementResource(int Id, int CompanyId, IReadOnlyCollection<int> ExpertIds);

/// <summary>Operations on one engagement (bitwarden-style operations catalogue).</summary>
public static class EngagementOperations
{
    /// <summary>See the engagement. Not a decision of the handler: an engagement that was loaded through
    /// <see cref="Visibility.VisibleTo(Microsoft.EntityFrameworkCore.DbSet{Mamori.Domain.Engagement}, AccessScope)"/> is visible.</summary>
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
    public static readonly OperationAuthorizationRequirement LogSession = new() { Name = nameof(LogSession) };
    public static readonly OperationAuthorizationRequirement OverrideAllowance = new() { Name = nameof(OverrideAllowance) };
    public static readonly OperationAuthorizationRequirement UploadDeliverable = new() { Name = nameof(UploadDeliverable) };
    /// <summary>Run a hearing, add evidence, create and edit plan items.</summary>
    public static readonly OperationAuthorizationRequirement Hearing = new() { Name = nameof(Hearing) };
    /// <summary>Answer the company's own self-check.</summary>
    public static readonly OperationAuthorizationRequirement SelfCheck = new() { Name = nameof(SelfCheck) };
    /// <summary>Update a plan item's status and evidence.</summary>
    public static readonly OperationAuthorizationRequirement UpdatePlanStatus = new() { Name = nameof(UpdatePlanStatus) };

    /// <summary>The operations the handler decides (every one but <see cref="View"/>).</summary>
    public static readonly IReadOnlyList<OperationAuthorizationRequirement> Decided =
        [Manage, LogSession, OverrideAllowance, UploadDeliverable, Hearing, SelfCheck, UpdatePlanStatus];
}

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
