using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Mamori.Web.Security;

/// <summary>Requires one permission; met when any of the user's roles grants it.</summary>
public sealed class PermissionRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;
}

public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.HasPermission(requirement.Permission))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Puts a page or endpoint behind one permission (the policy of the same name).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    public RequirePermissionAttribute(string permission) : base(permission) => Permission = permission;

    public string Permission { get; }
}

public static class ClaimsPrincipalExtensions
{
    public const string ExpertIdClaim = "mamori:expert";
    public const string CompanyIdClaim = "mamori:company";
    public const string DateStyleClaim = "mamori:dates";
    public const string DisplayNameClaim = "mamori:name";

    public static bool HasPermission(this ClaimsPrincipal user, string permission) =>
        user.Identity?.IsAuthenticated == true
        && user.FindAll(ClaimTypes.Role).Any(r => RolePermissions.RoleHas(r.Value, permission));

    public static int? ExpertId(this ClaimsPrincipal user) => IntClaim(user, ExpertIdClaim);

    public static int? CompanyId(this ClaimsPrincipal user) => IntClaim(user, CompanyIdClaim);

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    private static int? IntClaim(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirstValue(type), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
