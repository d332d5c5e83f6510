using System.Net;
using Mamori.Data;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Security;

public class AuthenticationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, SqliteData, PostgresData]
    public async Task Home_page_is_public_and_japanese(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var client = app.NewClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("個別支援に応募する", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Login_with_the_right_password_signs_in_and_is_audited(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var user = await app.UserAsync(Roles.Coordinator);
        using var client = await app.ClientAsAsync(user);
        var home = await client.GetDocumentAsync("/");
        Assert.Contains(user.DisplayName, home.QuerySelector(".user-name")!.TextContent, StringComparison.Ordinal);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Login && a.EntityId == user.Id));
        Assert.True(audited);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var user = await app.UserAsync(Roles.Coordinator);
        using var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user.UserName!, ["Input.Password"] = "wrong-password-" + i });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user.UserName!, ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("ロックされています", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.NotNull(stored.LockoutEnd);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.LockedOut && a.EntityId == user.Id)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Unknown_user_and_wrong_password_get_the_same_answer(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var user = await app.UserAsync(Roles.Expert);
        using var client = app.NewClient();
        var unknown = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "nobody-" + TestData.Unique() + "@test.example", ["Input.Password"] = "whatever-password" });
        var wrong = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user.UserName!, ["Input.Password"] = "whatever-password" });
        var a = (await AppClient.ParseAsync(unknown)).QuerySelector("[data-form-errors]")!.TextContent;
        var b = (await AppClient.ParseAsync(wrong)).QuerySelector("[data-form-errors]")!.TextContent;
        Assert.Equal(a, b);
    }

    [Theory, SqliteData]
    public async Task Login_post_without_antiforgery_token_is_rejected(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var user = await app.UserAsync(Roles.Coordinator);
        using var client = app.NewClient();
        var response = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user.UserName!,
            ["Input.Password"] = TestData.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("__Host-mamori=", StringComparison.Ordinal)));
    }

    [Theory, SqliteData]
    public async Task Logout_ends_the_session_and_a_copied_cookie_no_longer_works(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var user = await app.UserAsync(Roles.Coordinator);
        using var client = await app.ClientAsAsync(user);
        var logout = await client.SubmitAsync("/", [], "form[action='/Account/Logout']");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var after = await client.GetAsync("/FiscalYears");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
