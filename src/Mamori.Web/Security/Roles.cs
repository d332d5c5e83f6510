namespace Mamori.Web.Security;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Coordinator = "Coordinator";
    public const string Expert = "Expert";
    public const string CompanyUser = "CompanyUser";

    public static readonly IReadOnlyList<string> All = [Administrator, Coordinator, Expert, CompanyUser];

    /// <summary>Roles that see other companies' weaknesses sign in with a second factor (an authenticator app); a
    /// company user may add one. The sign-in flow enrols these roles at their first sign-in, and a session of such a
    /// role whose account has no second factor is refused (<see cref="SessionRevocation"/>).</summary>
    public static bool RequiresTwoFactor(IEnumerable<string> roles) => roles.Any(r => r is Administrator or Coordinator or Expert);

    public static string NameJa(string role) => role switch
    {
        Administrator => "管理者",
        Coordinator => "事務局",
        Expert => "専門家",
        CompanyUser => "企業ユーザー",
        _ => role,
    };
}
