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
    /// <summary>An authenticator app was set up for the account (enrolment, or a new app).</summary>
    public const string TwoFactorEnrolled = "2fa-enrolled";
    /// <summary>The account's owner turned the optional second factor off.</summary>
    public const string TwoFactorDisabled = "2fa-disabled";
    /// <summary>An administrator removed another account's second factor (lost phone).</summary>
    public const string TwoFactorReset = "2fa-reset";
    /// <summary>An administrator issued a new password for another account.</summary>
    public const string PasswordReset = "password-reset";
    /// <summary>An administrator lifted an account's lockout.</summary>
    public const string Unlocked = "unlocked";
    public const string RecoveryCodeUsed = "recovery-code-used";
    public const string RecoveryCodesRenewed = "recovery-codes-renewed";
}
