namespace Mamori.Web.Infrastructure;

/// <summary>Cookie names and flags. By default (production) every cookie is Secure and the names carry the
/// __Host- prefix. Security:HttpsOnly=false is for a developer's plain-HTTP loopback run and the browser
/// tests only: browsers refuse __Host- cookies without Secure, so the prefix goes too. See docs/adr/0004.</summary>
public static class CookieNames
{
    public static bool HttpsOnly(IConfiguration config) => config.GetValue("Security:HttpsOnly", true);

    public static CookieSecurePolicy Policy(IConfiguration config) =>
        HttpsOnly(config) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    public static string Auth(IConfiguration config) => HttpsOnly(config) ? "__Host-mamori" : "mamori";

    /// <summary>Password verified, second factor pending.</summary>
    public static string Pending(IConfiguration config) => HttpsOnly(config) ? "__Host-mamori-2fa" : "mamori-2fa";

    public static string RememberedDevice(IConfiguration config) => HttpsOnly(config) ? "__Host-mamori-device" : "mamori-device";

    public static string Antiforgery(IConfiguration config) => HttpsOnly(config) ? "__Host-mamori-af" : "mamori-af";
}
