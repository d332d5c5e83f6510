namespace Mamori.Web.Security;

/// <summary>What a user may do. Features check these, never role names; <see cref="RolePermissions"/>
/// is the one place that says which role has which.</summary>
public static class Permissions
{
    public const string FiscalYearsView = "fiscal-years.view";
    public const string FiscalYearsManage = "fiscal-years.manage";
    public const string CompaniesViewAll = "companies.view-all";
    public const string CompaniesManage = "companies.manage";
    public const string ExpertsView = "experts.view";
    public const string ExpertsManage = "experts.manage";
    public const string ApplicationsView = "applications.view";
    public const string ApplicationsManage = "applications.manage";
    public const string EngagementsViewAll = "engagements.view-all";
    /// <summary>See engagements in one's own scope (assigned expert, own company); the record check decides which.</summary>
    public const string EngagementsViewOwn = "engagements.view-own";
    public const string EngagementsManage = "engagements.manage";
    /// <summary>Log sessions on engagements one is assigned to.</summary>
    public const string SessionsLogAssigned = "sessions.log-assigned";
    /// <summary>Log or correct sessions on any engagement, and allow one past the hour allowance with a reason.</summary>
    public const string SessionsManageAll = "sessions.manage-all";
    public const string DeliverablesUploadAssigned = "deliverables.upload-assigned";
    public const string DeliverablesManageAll = "deliverables.manage-all";
    /// <summary>Run hearings and build improvement plans on engagements one is assigned to.</summary>
    public const string HearingsConductAssigned = "hearings.conduct-assigned";
    /// <summary>Run hearings and edit plans on any engagement; enter a company's self-check on its behalf.</summary>
    public const string HearingsManageAll = "hearings.manage-all";
    /// <summary>Answer one's own company's self-check in its engagements.</summary>
    public const string SelfCheckOwn = "self-check.own";
    /// <summary>Update the status and evidence of one's own company's plan items.</summary>
    public const string PlanUpdateOwn = "plan.update-own";
    /// <summary>Export, edit and import the diagnosis catalogue (each import is a new version).</summary>
    public const string CatalogueManage = "catalogue.manage";
    public const string DataExport = "data.export";
    public const string DataImport = "data.import";
    public const string UsersManage = "users.manage";
    public const string AuditView = "audit.view";

    public static readonly IReadOnlyList<string> All =
    [
        FiscalYearsView, FiscalYearsManage, CompaniesViewAll, CompaniesManage, ExpertsView, ExpertsManage,
        ApplicationsView, ApplicationsManage, EngagementsViewAll, EngagementsViewOwn, EngagementsManage,
        SessionsLogAssigned, SessionsManageAll, DeliverablesUploadAssigned, DeliverablesManageAll,
        HearingsConductAssigned, HearingsManageAll, SelfCheckOwn, PlanUpdateOwn, CatalogueManage,
        DataExport, DataImport, UsersManage, AuditView,
    ];
}
