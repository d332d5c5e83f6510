using Mamori.Web.Data;
using Mamori.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseDefaultUrlUnlessConfigured(builder.Configuration);
builder.WebHost.ConfigureKestrel(o =>
{
    o.AddServerHeader = false;
    o.Limits.MaxRequestBodySize = Mamori.Web.Infrastructure.Uploads.MaxRequestBytes;
});

builder.Services
    .AddMamoriDatabase()
    .AddMamoriIdentity(builder.Configuration)
    .AddMamoriDataProtection(builder.Configuration, builder.Environment)
    .AddMamoriSecurity(builder.Configuration)
    .AddMamoriLocalization()
    .AddMamoriPages()
    .AddMamoriHealthChecks();

var app = builder.Build();

// Operator commands (dotnet Mamori.Web.dll audit verify | backup FILE | restore FILE) run against the configured
// database and exit; they neither migrate it nor start the server.
if (AuditCommand.Handles(args))
{
    return await AuditCommand.RunAsync(app.Services, args, Console.Out);
}
if (BackupCommand.Handles(args))
{
    return await BackupCommand.RunAsync(app.Services, builder.Configuration, args, Console.Out);
}

await app.InitializeAsync();

// Served under a path base (behind a proxy at https://host/mamori/): every link, asset and redirect is generated
// from page names, so they all carry it. First, so every later middleware sees the path without the base.
if (builder.Configuration["PathBase"] is { Length: > 0 } pathBase)
{
    if (pathBase[0] != '/' || pathBase.Length < 2)
    {
        throw new InvalidOperationException($"PathBase must start with '/' and name a path, e.g. /mamori (got '{pathBase}').");
    }
    app.UsePathBase(pathBase.TrimEnd('/'));
}
// X-Forwarded-For/-Proto only from the proxies named in configuration (none by default): otherwise any client, a
// loopback one included, could choose its own address for the rate limits and the audit trail.
if (Hosting.ForwardedHeadersFrom(builder.Configuration) is { } forwarded)
{
    app.UseForwardedHeaders(forwarded);
}
// Never a stack trace to a user, in any environment: errors are logged and answered by /Error.
app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Status", "?code={0}");
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseSecurityHeaders();
app.UseRequestLocalization();
app.UseHttpsOnly(builder.Configuration);
app.UseStaticFiles();
app.UseRouting();
app.UseNotFoundForUnknownPaths();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestSizeLimitAnswer();
app.MapRazorPages();
app.MapMamoriHealthChecks();

await app.RunAsync();
return 0;
