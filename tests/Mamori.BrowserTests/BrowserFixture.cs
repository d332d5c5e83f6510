using System.Net;
using Mamori.Data;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Mamori.BrowserTests;

/// <summary>The real app on Kestrel (loopback, random port, fresh SQLite file) and Debian's Chromium
/// driven by Playwright. Never downloads a browser.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"mamori-browser-{Guid.NewGuid():N}.db");
    private AppHost? _host;
    private IPlaywright? _playwright;

    /// <summary>The app's path base (setting <c>PathBase</c>), empty for the root; <see cref="BaseUrl"/> ends with it.</summary>
    public virtual string PathBase => "";

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _host!.Services;

    public static string ArtifactsDir
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("ARTIFACTS_DIR") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private sealed class AppHost(string connectionString, string pathBase) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            // Plain HTTP on loopback: the production cookie flags are covered by the HTTPS integration tests.
            builder.UseSetting("Security:HttpsOnly", "false");
            // Every test signs in from the same loopback address; the per-address limits are tested over HTTP
            // (AuthenticationTests) and would otherwise turn a fast run into 429s.
            builder.UseSetting("Security:LoginAttemptsPerMinute", "10000");
            builder.UseSetting("Security:PublicFormPostsPerMinute", "10000");
            builder.UseSetting("Security:SelfCheckPostsPerMinute", "10000");
            if (pathBase.Length > 0)
            {
                builder.UseSetting("PathBase", pathBase);
            }
        }
    }

    public async Task InitializeAsync()
    {
        _host = new AppHost($"Data Source={_dbPath}", PathBase);
        _host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _host.StartServer();
        BaseUrl = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + PathBase;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<(string UserName, string Password)> UserAsync(string role, int? companyId = null, bool secondFactor = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] + "@browser.example";
        var user = new ApplicationUser { UserName = name, Email = name, DisplayName = Roles.NameJa(role) + " テスト", CompanyId = companyId, CreatedAt = DateTimeOffset.UtcNow };
        const string password = "browser-test-password-1";
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        if (secondFactor && Roles.RequiresTwoFactor([role]))
        {
            await scope.ServiceProvider.GetRequiredService<TwoFactorAccounts>().EnableAsync(user, Totp.NewKey());
        }
        return (name, password);
    }

    /// <summary>The account's current authenticator code (<see cref="Testing.AuthenticatorApp.CurrentCodeAsync"/>).</summary>
    public Task<string> CurrentCodeAsync(string userName) => Mamori.Testing.AuthenticatorApp.CurrentCodeAsync(Services, userName);

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_dbPath + suffix);
        }
    }
}

/// <summary>Base for browser tests: a fresh context per test, Japanese locale, and the test fails on
/// any page error or console error (CSP violations included).</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _errors = [];
    protected BrowserFixture Fixture { get; } = fixture;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, AcceptDownloads = true });
        // Generous limits for a loaded 2-core CI machine; a real failure still fails, only later.
        Context.SetDefaultNavigationTimeout(60_000);
        Context.SetDefaultTimeout(30_000);
        Page = await Context.NewPageAsync();
        Page.PageError += (_, error) => _errors.Add("page error: " + error);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add("console error: " + message.Text);
            }
        };
    }

    protected string Url(string path) => Fixture.BaseUrl.TrimEnd('/') + path;

    protected async Task LoginAsync(string userName, string password)
    {
        await Page.GotoAsync(Url("/Account/Login"));
        await Page.GetByLabel("ユーザー名（メールアドレス）").FillAsync(userName);
        await Page.GetByLabel("パスワード").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Page.WaitForURLAsync(url => IsHome(url) || url.Contains("/Account/TwoFactor?", StringComparison.Ordinal));
        if (!IsHome(Page.Url))
        {
            // Staff and experts: the code from the authenticator app.
            await Page.GetByLabel("確認コード").FillAsync(await Fixture.CurrentCodeAsync(userName));
            await Page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
            await Page.WaitForURLAsync(IsHome);
        }
    }

    protected async Task LogoutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        await Page.WaitForURLAsync(IsHome);
    }

    /// <summary>The home page's URL: "/" at the root; under a path base both "/base" and "/base/".</summary>
    protected bool IsHome(string url) => url.TrimEnd('/') == Fixture.BaseUrl.TrimEnd('/');

    /// <summary>Saves a full-page screenshot under the artifacts folder (kept by CI).</summary>
    protected async Task ShotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDir, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        Assert.True(_errors.Count == 0, string.Join("\n", _errors));
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The same app served under a path base (<c>PathBase=/mamori</c>), as behind a proxy at https://host/mamori/.</summary>
public sealed class PathBaseBrowserFixture : BrowserFixture
{
    public override string PathBase => "/mamori";
}

[CollectionDefinition(Name)]
public sealed class PathBaseBrowserCollection : ICollectionFixture<PathBaseBrowserFixture>
{
    public const string Name = "browser under a path base";
}
