namespace Mamori.Web.Security;

/// <summary>Roles to permissions, in one place (deny by default: a permission not listed is not granted).</summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, HashSet<string>> Map = new()
    {
        [Roles.Administrator] = [.. Permissions.All],
        [Roles.Coordinator] =
        [
            Permissions.FiscalYearsView, Permissions.CompaniesViewAll, Permissions.CompaniesManage,
            Permissions.ExpertsView, Permissions.ExpertsManage, Permissions.ApplicationsView, Permissions.ApplicationsManage,
            Permissions.EngagementsViewAll, Permissions.EngagementsViewOwn, Permissions.EngagementsManage,
            Permissions.SessionsLogAssigned, Permissions.SessionsManageAll,
            Permissions.DeliverablesUploadAssigned, Permissions.DeliverablesManageAll,
            Permissions.HearingsConductAssigned, Permissions.HearingsManageAll, Permissions.DataExport, Permissions.AuditView,
        ],
        [Roles.Expert] =
        [
            Permissions.EngagementsViewOwn, Permissions.SessionsLogAssigned, Permissions.DeliverablesUploadAssigned,
            Permissions.HearingsConductAssigned,
        ],
        [Roles.CompanyUser] = [Permissions.EngagementsViewOwn, Permissions.SelfCheckOwn, Permissions.PlanUpdateOwn],
    };

    public static bool RoleHas(string role, string permission) =>
        Map.TryGetValue(role, out var set) && set.Contains(permission);

    public static IReadOnlyCollection<string> Of(string role) =>
        Map.TryGetValue(role, out var set) ? set : [];
}
