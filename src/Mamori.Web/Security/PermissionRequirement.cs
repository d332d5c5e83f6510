using Microsoft.AspNetCore.Authorization;

namespace Mamori.Web.Security;

/// <summary>Requires one permission; met when any of the user's roles grants it.</summary>
public sealed class PermissionRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;
}
