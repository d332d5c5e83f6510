using Microsoft.AspNetCore.Authorization;

namespace Mamori.Web.Security;

/// <summary>Puts a page or endpoint behind one permission (the policy of the same name).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    public RequirePermissionAttribute(string permission) : base(permission) => Permission = permission;

    public string Permission { get; }
}
