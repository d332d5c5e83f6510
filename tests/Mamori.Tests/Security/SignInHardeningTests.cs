using System.Net;
using Mamori.Data;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mamori.Tests.Security;

/// <summary>Issue #19's probe findings on sign-in: no account enumeration by answer or timing, rate limits that a
/// header cannot widen, and return URLs that never cause a 5xx.</summary>
public class SignInHardeningTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, SqliteData]
    public async Task A_return_url_with_characters_a_header_cannot_carry_redirects_encoded_and_never_fails(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var user = await app.UserAsync(Roles.Coordinator);
        using var client = app.NewClient();

        var login = await client.SubmitAsync("/Account/Login?ReturnUrl=%2FEngagements%C2%BF", new()
        {
            ["Input.UserName"] = user.UserName!, ["Input.Password"] = TestData.Password,
        });
        // Through the second factor's page and back.
        Assert.Equal("/Engagements%C2%BF", await AppClient.AssertRedirectAsync(await client.SecondFactorAsync(login, user.UserName!)));

        foreach (var (returnUrl, expected) in new[]
        {
            ("/Engagements¿", "/Engagements%C2%BF"),
            ("/Companies?q=東邦", "/Companies?q=%E6%9D%B1%E9%82%A6"),
            ("/Engagements\u0001", "/"),
            ("//evil.example/", "/"),
            ("https://evil.example/", "/"),
        })
        {
            var switched = await client.SubmitAsync("/", new() { ["returnUrl"] = returnUrl }, "form[action*='Culture'] button[name=culture]", "culture", "en");
            Assert.Equal(expected, await AppClient.AssertRedirectAsync(switched));
        }
    }

    /// <summary>On real Kestrel (not the test server) the cookie handler's own redirect to the raw ReturnUrl, made while
    /// signing in on the login page, threw for "¿". The handler leaves the redirect to the login page.</summary>
    [Theory, SqliteData]
    public async Task The_cookie_handler_does_not_redirect_to_a_raw_return_url_itself(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var options = app.Services.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var context = new Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(
            http, new Microsoft.AspNetCore.Authentication.AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationHandler)),
            options, new Microsoft.AspNetCore.Authentication.AuthenticationProperties(), "/Engagements¿");

        await options.Events.RedirectToReturnUrl(context);

        Assert.False(http.Response.Headers.ContainsKey("Location"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Unknown_disabled_wrong_and_locked_accounts_get_one_answer_and_every_password_is_hashed(string provider)
    {
        var hasher = new CountingHasher();
        await using var app = new MamoriFactory(provider)
        {
            TestServices = services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(sp =>
                hasher.Around(new PasswordHasher<ApplicationUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()))),
        };
        var user = await app.UserAsync(Roles.Expert);
        var disabled = await app.UserAsync(Roles.Expert);
        await app.WithDbAsync(async db =>
        {
            (await db.Users.FindAsync(disabled.Id))!.IsActive = false;
            await db.SaveChangesAsync();
        });
        using var client = app.NewClient();
        var unknown = "nobody-" + TestData.Unique() + "@test.example";

        async Task<string> AnswerAsync(string name)
        {
            var response = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = name, ["Input.Password"] = "wrong-password-1" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent.Trim();
        }

        var before = hasher.Verifications;
        var first = await AnswerAsync(unknown);
        Assert.Equal(before + 1, hasher.Verifications); // the unknown account's password was checked against a dummy hash
        Assert.Equal(first, await AnswerAsync(user.UserName!));
        Assert.Equal(first, await AnswerAsync(disabled.UserName!));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(first, await AnswerAsync(user.UserName!)); // the sixth is refused by the lockout
            Assert.Equal(first, await AnswerAsync(unknown));
        }
        Assert.True(await app.WithDbAsync(async db => (await db.Users.FindAsync(user.Id))!.LockoutEnd > DateTimeOffset.UtcNow));
        Assert.Contains("ロック", first, StringComparison.Ordinal); // the one answer says what a locked user needs to know
    }

    [Theory, SqliteData]
    public async Task X_forwarded_for_from_an_unlisted_peer_does_not_open_a_new_rate_limit_window(string provider)
    {
        await using var app = new MamoriFactory(provider, new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "3" })
        {
            TestServices = services => services.AddSingleton<IStartupFilter>(new FromLoopback()),
        };
        using var client = app.NewClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            var response = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "someone@test.example", ["Input.Password"] = "wrong-password" });
            codes.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
    }

    [Theory, SqliteData]
    public async Task X_forwarded_for_from_a_configured_proxy_names_the_client(string provider)
    {
        await using var app = new MamoriFactory(provider, new Dictionary<string, string?>
        {
            ["Security:LoginAttemptsPerMinute"] = "3",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        })
        {
            TestServices = services => services.AddSingleton<IStartupFilter>(new FromLoopback()),
        };
        using var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            var response = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "someone@test.example", ["Input.Password"] = "wrong-password" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // each client address has its own window
        }
    }

    /// <summary>Makes every test request come from 127.0.0.1, like a reverse proxy (or a local attacker) would.</summary>
    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Counts password verifications, passing them to the real hasher.</summary>
    private sealed class CountingHasher
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public IPasswordHasher<ApplicationUser> Around(IPasswordHasher<ApplicationUser> inner) => new Counting(this, inner);

        private sealed class Counting(CountingHasher owner, IPasswordHasher<ApplicationUser> inner) : IPasswordHasher<ApplicationUser>
        {
            public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
            {
                Interlocked.Increment(ref owner._verifications);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }
}
