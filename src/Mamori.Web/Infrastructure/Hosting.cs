namespace Mamori.Web.Infrastructure;

/// <summary>Where the app listens, what an unknown address answers, and the load balancer's health check.</summary>
public static class Hosting
{
    /// <summary>Used when neither ASPNETCORE_URLS, --urls, the Urls setting, http_ports nor Kestrel:Endpoints says
    /// otherwise: loopback only, so a default start is never reachable from the network.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public const string HealthPath = "/healthz";

    public static void UseDefaultUrlUnlessConfigured(this IWebHostBuilder web, IConfiguration config)
    {
        if (!HasConfiguredAddress(config))
        {
            web.UseUrls(DefaultUrl);
        }
    }

    public static bool HasConfiguredAddress(IConfiguration config) =>
        !string.IsNullOrEmpty(config[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(config[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(config[WebHostDefaults.HttpsPortsKey])
        || config.GetSection("Kestrel:Endpoints").Exists();

    /// <summary>A path no page answers is 404 for everyone. Without this the fallback authorization policy would send an
    /// anonymous visitor to the login page for any unknown address (and tell them nothing exists only after signing in).</summary>
    public static IApplicationBuilder UseNotFoundForUnknownPaths(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });

    public static IServiceCollection AddMamoriHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>Anonymous; answers "Healthy" (200) or "Unhealthy" (503) and nothing else.</summary>
    public static void MapMamoriHealthChecks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(HealthPath).AllowAnonymous().DisableRateLimiting();
}
