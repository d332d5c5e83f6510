using System.Net;
using AngleSharp.Html.Dom;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;

namespace Mamori.Tests.Security;

/// <summary>Issue #19, point 6: two app instances on one PostgreSQL database (behind a load balancer without sticky
/// sessions) accept each other's sign-in cookies and antiforgery tokens, since the key ring lives in the database,
/// and count failed sign-ins toward one lockout, since the count lives with the account.</summary>
public sealed class TwoInstanceTests
{
    [Theory, PostgresData]
    public async Task Two_instances_accept_each_others_cookies_and_tokens_and_count_lockouts_together(string provider)
    {
        await using var first = new MamoriFactory(provider);
        var account = await first.UserAsync(Roles.Coordinator);
        using var onFirst = await first.ClientAsAsync(account);
        var manage = await onFirst.GetDocumentAsync("/Account/Manage"); // issues the antiforgery cookie and token on the first

        await using var second = new MamoriFactory(first);
        using var onSecond = second.NewClient();
        onSecond.Http.DefaultRequestHeaders.Add("Cookie", onFirst.CookieHeader());

        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/Account/Manage")).StatusCode);
        var form = (IHtmlFormElement)manage.QuerySelector("form[action*='handler=Dates']")!;
        var posted = await onSecond.PostFormAsync(form, new() { ["DateStyle"] = "Seireki" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // a token from the first, accepted by the second

        // Three failures on one instance and two on the other lock the account on both.
        var target = await first.UserAsync(Roles.Expert);
        foreach (var (app, times) in new[] { (first, 3), (second, 2) })
        {
            for (var i = 0; i < times; i++)
            {
                using var client = app.NewClient();
                await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = target.UserName!, ["Input.Password"] = "not-the-password-1" });
            }
        }
        foreach (var app in new[] { first, second })
        {
            using var client = app.NewClient();
            var refused = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = target.UserName!, ["Input.Password"] = TestData.Password });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the login page again, not the redirect of a sign-in
        }
    }
}
