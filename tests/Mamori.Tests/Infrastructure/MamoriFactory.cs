using Mamori.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Infrastructure;

/// <summary>The real application on a fresh database of the given provider (environment "Testing":
/// no demo data). Dispose drops the database.</summary>
public sealed class MamoriFactory : WebApplicationFactory<Program>
{
    private readonly Func<Task> _drop;

    public MamoriFactory(string provider, IDictionary<string, string?>? settings = null)
    {
        Provider = provider;
        (ConnectionString, _drop) = TestDatabases.Create(provider);
        Settings = settings ?? new Dictionary<string, string?>();
    }

    /// <summary>A second instance of the application on another factory's database, as a second app process
    /// behind a load balancer would be; disposing it leaves the database to the first.</summary>
    public MamoriFactory(MamoriFactory sameDatabaseAs, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(sameDatabaseAs);
        Provider = sameDatabaseAs.Provider;
        ConnectionString = sameDatabaseAs.ConnectionString;
        _drop = () => Task.CompletedTask;
        Settings = settings ?? new Dictionary<string, string?>();
    }

    public string Provider { get; }

    /// <summary>The hosting environment; "Testing" (no demo data) unless a test says otherwise.</summary>
    public string Environment { get; init; } = "Testing";
    public string ConnectionString { get; }
    private IDictionary<string, string?> Settings { get; }

    /// <summary>Extra services for this application only (e.g. an EF Core interceptor that counts what a page runs).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Security:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("Security:PublicFormPostsPerMinute", "10000");
        builder.UseSetting("Security:SelfCheckPostsPerMinute", "10000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (TestServices is { } services)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>A client that speaks HTTPS to the test server (auth cookies are Secure) and does not follow redirects.</summary>
    public AppClient NewClient()
    {
        var cookies = new System.Net.CookieContainer();
        var http = CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        return new AppClient(this, http, cookies);
    }

    /// <summary>A client of this application served by real Kestrel on a loopback port over plain HTTP (the test
    /// server enforces no request body size, for one); give the factory <c>Security:HttpsOnly=false</c>. Call it
    /// before anything else uses the factory: the first call starts the server, which then serves only through Kestrel.</summary>
    public AppClient NewKestrelClient()
    {
        if (kestrelAddress is null)
        {
            UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            StartServer();
            kestrelAddress = new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        }
        var cookies = new System.Net.CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        return new AppClient(this, new HttpClient(handler) { BaseAddress = kestrelAddress }, cookies);
    }

    private Uri? kestrelAddress;

    /// <summary>A scope with a DbContext, for arranging data and checking what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await action(db);
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _drop();
    }
}

/// <summary>One started application per provider, shared by the tests of a class; each test makes
/// its own data (unique names), so tests never depend on each other.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly Dictionary<string, MamoriFactory> _apps = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<MamoriFactory> GetAsync(string provider)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                app = new MamoriFactory(provider);
                _ = app.Server; // start: migrations and reference data run now
                _apps[provider] = app;
            }
            return app;
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }
        _lock.Dispose();
    }
}
