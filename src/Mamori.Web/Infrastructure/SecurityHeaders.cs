namespace Mamori.Web.Infrastructure;

/// <summary>Headers ASP.NET Core does not send by itself (see shared security-test-plan §3):
/// a strict CSP without inline script, nosniff, referrer and permissions policies, no framing,
/// and no caching of anything a signed-in user sees.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                var isStatic = context.Request.Path.StartsWithSegments("/css") || context.Request.Path.StartsWithSegments("/js")
                    || context.Request.Path.StartsWithSegments("/lib") || context.Request.Path.StartsWithSegments("/img");
                if (!isStatic)
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            await next();
        });
}
