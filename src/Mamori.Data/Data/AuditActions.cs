namespace Mamori.Data;

/// <summary>Names of audit actions that are not data changes.</summary>
public static class AuditActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string LockedOut = "locked-out";
    public const string Logout = "logout";
    public const string Denied = "denied";
    public const string Export = "export";
    public const string Import = "import";
    public const string Download = "download";
    /// <summary>A page showing a sensitive record (a diagnosis: a company's weaknesses) was opened.</summary>
    public const string Read = "read";
}
