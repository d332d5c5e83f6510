using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Mamori.Web.Security;

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
