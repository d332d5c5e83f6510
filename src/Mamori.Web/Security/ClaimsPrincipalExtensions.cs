using System.Security.Claims;

namespace Mamori.Web.Security;

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
