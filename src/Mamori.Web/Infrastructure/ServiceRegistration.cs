using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Mamori.Data;
using Mamori.Web.Pages.Applications;
using Mamori.Web.Pages.Diagnoses;
using Mamori.Web.Pages.SelfCheck;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Mamori.Web.Infrastructure;

public static class ServiceRegistration
{
    public const string LoginRateLimit = "login";
    public const string PublicFormRateLimit = "public-form";
    public const string SelfCheckRateLimit = "self-check";

    private static readonly string[] SupportedCultures = ["ja", "en"];

    /// <summary>SQLite (a file under data/, the default) or PostgreSQL, chosen by Database:Provider.
    /// Configuration is read inside the callback so test hosts can override it.</summary>
    public static IServiceCollection AddMamoriDatabase(this IServiceCollection services)
    {
        services.AddSingleton<SqlitePragmas>();
        // Pooled: a request reuses a context instead of building one (docs/benchmarks.md).
        // One statement per query unless a query says AsSplitQuery() (the detail pages that load several collections do).
        services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            if (DatabaseSettings.IsPostgres(config))
            {
                options.UseNpgsql(DatabaseSettings.ConnectionString(config, sp.GetRequiredService<IHostEnvironment>()),
                    npgsql => npgsql.MigrationsAssembly("Mamori.Migrations.Postgres").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
            }
            else
            {
                SqliteRuntime.Configure();
                options.UseSqlite(DatabaseSettings.ConnectionString(config, sp.GetRequiredService<IHostEnvironment>()),
                        sqlite => sqlite.MigrationsAssembly("Mamori.Migrations.Sqlite").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                    .AddInterceptors(sp.GetRequiredService<SqlitePragmas>());
            }
        });
        return services;
    }

    public static IServiceCollection AddMamoriIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = PasswordPolicy.MinimumLength;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider: one step of drift, the app's clock, each code once.
            .AddTokenProvider<AuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddSignInManager<MamoriSignInManager>()
            .AddClaimsPrincipalFactory<MamoriClaimsFactory>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddErrorDescriber<JapaneseIdentityErrors>();

        // A disabled account or a changed password ends other sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieNames.Auth(config);
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieNames.Policy(config);
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnValidatePrincipal = SessionLimits.ValidateAsync;
            // Signing in on the login page, the cookie handler would itself redirect to the query's ReturnUrl, raw: a
            // character a header cannot carry made Kestrel throw (a 500). The login page redirects, through ReturnUrls.
            o.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
        });
        // Between the password and the second factor (or the enrolment): Identity's pending cookie, 10 minutes, time
        // enough to install an authenticator app.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = CookieNames.Pending(config);
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieNames.Policy(config);
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TwoFactorSettings.PendingFor;
        });
        // "Remember this device": 14 days, not renewed by use. Checked against the account's authenticator key by
        // MamoriSignInManager instead of the security stamp (which every sign-out renews); a new key forgets every
        // remembered device at once.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = CookieNames.RememberedDevice(config);
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieNames.Policy(config);
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TwoFactorSettings.RememberDeviceFor;
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = _ => Task.CompletedTask;
        });

        return services;
    }

    /// <summary>The key ring lives in the database, shared by every instance (ADR 4). With
    /// DataProtection:CertificatePath the keys are encrypted with that certificate. Production refuses to start without
    /// one unless DataProtection:AllowUnencryptedKeys=true says the operator accepts keys readable by whoever can read
    /// the database; other environments keep them unencrypted on purpose (ADR 15).</summary>
    public static IServiceCollection AddMamoriDataProtection(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        var dp = services.AddDataProtection().SetApplicationName("Mamori").PersistKeysToDbContext<AppDbContext>();
        if (DatabaseSettings.KeysEncrypted(config))
        {
            var certPath = config["DataProtection:CertificatePath"]!;
            dp.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certPath, config["DataProtection:CertificatePassword"]));
            return services;
        }
        if (environment.IsProduction() && !config.GetValue("DataProtection:AllowUnencryptedKeys", false))
        {
            throw new InvalidOperationException(
                "Production needs DataProtection:CertificatePath (a PKCS#12 file) to encrypt the data-protection keys stored in the database. " +
                "To keep the keys unencrypted instead, readable by anyone who can read the database, set DataProtection:AllowUnencryptedKeys=true.");
        }
        // Said explicitly, so the framework does not warn on every start; the start-up log says it once (ADR 15).
        services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new NullXmlEncryptor());
        return services;
    }

    public static IServiceCollection AddMamoriSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.Configure<AuthorizationOptions>(o =>
        {
            foreach (var permission in Permissions.All)
            {
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
            }
        });
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationHandler, EngagementAuthorizationHandler>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = CookieNames.Antiforgery(config);
            o.Cookie.SecurePolicy = CookieNames.Policy(config);
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        // The status-message cookie (TempData): Secure like the others, also when it is cleared.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.SecurePolicy = CookieNames.Policy(config);
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });

        var perMinute = config.GetValue("Security:LoginAttemptsPerMinute", 10);
        var formsPerMinute = config.GetValue("Security:PublicFormPostsPerMinute", 5);
        var selfChecksPerMinute = config.GetValue("Security:SelfCheckPostsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(LoginRateLimit, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("get"));
            o.AddPolicy(PublicFormRateLimit, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "form:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = formsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("get"));
            // Public self-check submissions: people retry and correct answers, so more than the application form allows.
            o.AddPolicy(SelfCheckRateLimit, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "self-check:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = selfChecksPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("get"));
        });
        // ASVS: a year, subdomains included (the default is 30 days). Only sent over HTTPS outside Development.
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentActor, HttpCurrentActor>();
        services.AddScoped<EngagementAccess>();
        services.AddScoped<TwoFactorAccounts>();
        services.AddSingleton<CatalogueCache>();
        services.AddSingleton<SelfCheckWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SelfCheckWriter>());
        services.AddHostedService<SelfCheckRetention>();
        services.AddSingleton<SessionRevocation>();
        services.AddSingleton<ISecurityStampObserver>(sp => sp.GetRequiredService<SessionRevocation>());
        return services;
    }

    public static IServiceCollection AddMamoriLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("ja").AddSupportedCultures(SupportedCultures).AddSupportedUICultures(SupportedCultures);
            // The user's choice (cookie) wins; the browser's language is not consulted, Japanese is the default.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        // Razor must not write Japanese as numeric character references.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton(Display.Html);
        return services;
    }

    public static IServiceCollection AddMamoriPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Index");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Status");
                o.Conventions.AllowAnonymousToFolder("/Apply");
                o.Conventions.AllowAnonymousToFolder("/SelfCheck");
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/TwoFactor");
                o.Conventions.AllowAnonymousToPage("/Account/TwoFactorSetup");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Culture");
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                ModelBindingMessages.Configure(o.ModelBindingMessageProvider);
                o.Filters.Add<EngagementRecordFilter>();
                o.Filters.Add<UnknownHandlerFilter>();
            });
        services.AddScoped<Display>();
        services.AddScoped<Lookups>();
        services.AddScoped<ApplicationIntake>();
        services.AddSingleton<Pages.Engagements.DetailsQueries>();
        services.AddScoped<Pages.DataTransfer.YearWorkbook>();
        services.AddScoped<Pages.Admin.CatalogueWorkbook>();
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
