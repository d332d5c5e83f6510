using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Mamori.Web.Security;

/// <summary>A company record for the record check.</summary>
public sealed record CompanyResource(int Id);

public static class CompanyOperations
{
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>Staff see every company; a company user sees only their own (read-only). Experts see a
/// company's data only inside the engagements assigned to them, not here.</summary>
public sealed class CompanyAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, CompanyResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CompanyResource resource)
    {
        var user = context.User;
        var ok = requirement.Name switch
        {
            nameof(CompanyOperations.View) => user.HasPermission(Permissions.CompaniesViewAll)
                || user.HasPermission(Permissions.EngagementsViewOwn) && user.CompanyId() == resource.Id,
            nameof(CompanyOperations.Manage) => user.HasPermission(Permissions.CompaniesManage),
            _ => false,
        };
        if (ok)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
