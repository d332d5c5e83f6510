using System.Net;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>Where the app listens, which proxies it believes, what an unknown address answers, and the load
/// balancer's health check.</summary>
public static class Hosting
{
    /// <summary>X-Forwarded-For and X-Forwarded-Proto are read only from the proxies listed in
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), both
    /// empty by default; with neither, the headers are ignored (null: no middleware). ASP.NET Core's own default
    /// would believe any loopback peer.</summary>
    public static ForwardedHeadersOptions? ForwardedHeadersFrom(IConfiguration config)
    {
        var proxies = config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = config.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return null;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        }
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range) ? range
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8."));
        }
        return options;
    }

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

    /// <summary>A request whose declared body is larger than its page's <c>[RequestSizeLimit]</c> is answered 413 here,
    /// before anything reads it. Left to the server, the limit surfaced inside the antiforgery check, which cannot read
    /// the form and answered 400, and the status page re-read the same body for its own code and said "page not found"
    /// (issue #19). The status page explains 413 with the upload limit; the upload fields check the size in the browser
    /// before sending (<see cref="FileInputTagHelper"/>), since a browser that sends the body anyway sees the
    /// connection closed rather than this answer.</summary>
    public static IApplicationBuilder UseRequestSizeLimitAnswer(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength is { } length
                && context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit
                && length > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                context.Response.Headers.Connection = "close";
                return Task.CompletedTask;
            }
            return next(context);
        });

    /// <summary>With <c>Security:HttpsOnly</c> (the default) the cookies are Secure, so a page served over plain HTTP
    /// could neither sign anyone in nor carry an antiforgery token (it failed as an empty 500). A plain-HTTP request is
    /// sent to the same address over HTTPS instead (GET and HEAD), or told to use HTTPS (other methods, 400). HTTPS as
    /// seen through a proxy counts only from a configured proxy (<see cref="ForwardedHeadersFrom"/>). The health check
    /// answers over HTTP too: load balancers often probe that way, and it sets no cookie.</summary>
    public static IApplicationBuilder UseHttpsOnly(this IApplicationBuilder app, IConfiguration config)
    {
        if (!CookieNames.HttpsOnly(config))
        {
            return app;
        }
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.IsHttps || request.Path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                context.Response.Headers.Location = UriHelper.BuildAbsolute("https", new HostString(request.Host.Host), request.PathBase, request.Path, request.QueryString);
                return;
            }
            var t = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(t["このサービスにはHTTPSで接続してください（https://で始まるアドレス）。"]);
        });
    }

    public static IServiceCollection AddMamoriHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>Anonymous; answers "Healthy" (200) or "Unhealthy" (503) and nothing else.</summary>
    public static void MapMamoriHealthChecks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(HealthPath).AllowAnonymous().DisableRateLimiting();
}
