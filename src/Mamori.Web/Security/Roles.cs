namespace Mamori.Web.Security;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Coordinator = "Coordinator";
    public const string Expert = "Expert";
    public const string CompanyUser = "CompanyUser";

    public static readonly IReadOnlyList<string> All = [Administrator, Coordinator, Expert, CompanyUser];

    public static string NameJa(string role) => role switch
    {
        Administrator => "管理者",
        Coordinator => "事務局",
        Expert => "専門家",
        CompanyUser => "企業ユーザー",
        _ => role,
    };
}
