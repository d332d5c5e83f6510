using System.Net;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Security;

/// <summary>Issue #19, point 3, on a clock the test moves (<see cref="FakeTimeProvider"/>, the one TimeProvider of the
/// app: the cookie handler, the session limits and the sign-in page all read it): 30 minutes idle, 12 hours in all,
/// other sessions ended by a password change, a new cookie at every sign-in.</summary>
public sealed class SessionLifetimeTests
{
    private static MamoriFactory App(FakeTimeProvider clock) =>
        new(TestDatabases.Sqlite) { TestServices = s => s.AddSingleton<TimeProvider>(clock) };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    private static async Task AssertSignedInAsync(AppClient client) =>
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);

    private static async Task AssertSentToLoginAsync(AppClient client)
    {
        var response = await client.GetAsync("/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes_and_not_before()
    {
        var clock = Clock();
        await using var app = App(clock);
        using var user = await app.ClientAsAsync(Roles.Coordinator);

        clock.Advance(TimeSpan.FromMinutes(29));
        await AssertSignedInAsync(user); // past half its life: the cookie is renewed for 30 minutes from now
        clock.Advance(TimeSpan.FromMinutes(29));
        await AssertSignedInAsync(user);
        clock.Advance(TimeSpan.FromMinutes(31));
        await AssertSentToLoginAsync(user);
    }

    [Fact]
    public async Task A_session_in_constant_use_ends_twelve_hours_after_sign_in()
    {
        var clock = Clock();
        await using var app = App(clock);
        using var user = await app.ClientAsAsync(Roles.Coordinator);

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            await AssertSignedInAsync(user);
        }
        clock.Advance(TimeSpan.FromMinutes(25)); // 12 h 05 min after signing in, 25 minutes after the last request
        await AssertSentToLoginAsync(user);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one_with_its_sign_in_time()
    {
        var clock = Clock();
        await using var app = App(clock);
        var account = await app.UserAsync(Roles.Expert);
        using var laptop = await app.ClientAsAsync(account);
        using var phone = await app.ClientAsAsync(account);
        for (var i = 0; i < 18; i++) // six hours of use on both
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            await AssertSignedInAsync(laptop);
            await AssertSignedInAsync(phone);
        }
        await AppClient.AssertRedirectAsync(await laptop.SubmitAsync("/Account/Manage", new()
        {
            ["Password.Current"] = TestData.Password,
            ["Password.New"] = "a-new-and-long-passphrase-2026",
            ["Password.Confirm"] = "a-new-and-long-passphrase-2026",
        }, "form[action*='handler=Password']"));

        await AssertSignedInAsync(laptop);
        clock.Advance(TimeSpan.FromMinutes(1)); // on another instance the old stamp is cached for a minute at most
        await AssertSentToLoginAsync(phone);

        // The renewed cookie keeps the first sign-in's time: the 12-hour limit is not restarted by the change.
        for (var i = 0; i < 17; i++) // to 11 h 41 min after the sign-in
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            await AssertSignedInAsync(laptop);
        }
        clock.Advance(TimeSpan.FromMinutes(25)); // 12 h 06 min after the sign-in, 25 minutes idle
        await AssertSentToLoginAsync(laptop);
    }

    [Fact]
    public async Task Every_sign_in_gets_a_new_cookie_value()
    {
        await using var app = App(Clock());
        var account = await app.UserAsync(Roles.Coordinator);
        using var first = await app.ClientAsAsync(account);
        var before = Cookie(first);
        Assert.NotNull(before);

        await AppClient.AssertRedirectAsync(await first.SubmitAsync("/", [], "form[action='/Account/Logout']"));
        await first.LoginAsync(account.UserName!, TestData.Password);
        using var second = await app.ClientAsAsync(account);

        Assert.NotEqual(before, Cookie(first));
        Assert.NotEqual(Cookie(first), Cookie(second));
    }

    private static string? Cookie(AppClient client) =>
        client.CookieHeader().Split("; ").FirstOrDefault(c => c.StartsWith("__Host-mamori=", StringComparison.Ordinal));
}
