namespace Mamori.Web.Security;

/// <summary>The second factor's fixed numbers (ADR 19).</summary>
public static class TwoFactorSettings
{
    /// <summary>How long a verified password waits for its second factor or its enrolment.</summary>
    public static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(10);

    /// <summary>How long "remember this device" skips the code on that browser.</summary>
    public static readonly TimeSpan RememberDeviceFor = TimeSpan.FromDays(14);

    public const int RecoveryCodeCount = 10;

    /// <summary>Below this many unused recovery codes the account page suggests new ones.</summary>
    public const int FewRecoveryCodes = 3;

    /// <summary>The issuer an authenticator app shows above the code.</summary>
    public const string Issuer = "Mamori";
}
