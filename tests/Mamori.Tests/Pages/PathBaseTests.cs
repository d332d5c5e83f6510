using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Pages;

/// <summary>The app served under a path base (<c>PathBase=/mamori</c>, as behind a proxy at https://host/mamori/):
/// every local link, asset, form action and redirect carries the base, for every role's main pages.</summary>
public sealed class PathBaseTests : IAsyncLifetime
{
    private const string Base = "/mamori";
    private MamoriFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new MamoriFactory("Sqlite", new Dictionary<string, string?> { ["PathBase"] = Base });
        _ = _app.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every href, src, action and formaction on the page that is a local path starts with the base.</summary>
    private static void AssertLinksCarryTheBase(IDocument page, string url)
    {
        var checkedCount = 0;
        foreach (var element in page.QuerySelectorAll("[href], [src], [action], [formaction]"))
        {
            foreach (var name in new[] { "href", "src", "action", "formaction" })
            {
                var value = element.GetAttribute(name);
                if (string.IsNullOrEmpty(value) || value.StartsWith('#') || value.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(value, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "mailto")
                {
                    continue;
                }
                Assert.False(value.StartsWith('~'), $"{url}: unresolved {name}=\"{value}\" on <{element.LocalName}>");
                Assert.True(value.StartsWith(Base + "/", StringComparison.Ordinal) || value == Base,
                    $"{url}: {name}=\"{value}\" on <{element.LocalName}> does not start with {Base}/");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 0, $"{url}: no local links at all");
    }

    /// <summary>A redirect to the home page: /mamori or /mamori/, both served by the index page.</summary>
    private static void AssertHome(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.Location!.OriginalString, new[] { Base, Base + "/" });
    }

    private static async Task<IDocument> PageAsync(AppClient client, string url)
    {
        var page = await client.GetDocumentAsync(url);
        AssertLinksCarryTheBase(page, url);
        // With the option tag helper on, a select never ends up with two selected options.
        foreach (var select in page.QuerySelectorAll("select:not([multiple])").OfType<IHtmlSelectElement>())
        {
            Assert.True(select.Options.Count(o => o.HasAttribute("selected")) <= 1, $"{url}: #{select.Id} has several selected options");
        }
        return page;
    }

    private async Task<AppClient> SignInAsync(string role, int? companyId = null, string? returnUrl = null)
    {
        var user = await _app.UserAsync(role, companyId);
        var client = _app.NewClient();
        var login = Base + "/Account/Login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var response = await client.SubmitAsync(login, new() { ["Input.UserName"] = user.UserName!, ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith(Base + "/Account/TwoFactor?", StringComparison.Ordinal))
        {
            response = await client.SecondFactorAsync(response, user.UserName!);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        if (returnUrl is null)
        {
            AssertHome(response);
        }
        else
        {
            Assert.Equal(returnUrl, response.Headers.Location!.OriginalString);
        }
        return client;
    }

    [Fact]
    public async Task Anonymous_pages_and_the_login_redirect_carry_the_path_base()
    {
        using var anonymous = _app.NewClient();
        var redirect = await anonymous.GetAsync(Base + "/Engagements?year=2024");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.Equal(Base + "/Account/Login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(Base + "/Engagements?year=2024"), location.OriginalString, StringComparison.Ordinal);

        foreach (var url in new[] { Base + "/", Base, Base + "/Account/Login", Base + "/SelfCheck", Base + "/Apply" })
        {
            await PageAsync(anonymous, url);
        }
        // Static files under the base.
        var home = await anonymous.GetDocumentAsync(Base + "/");
        foreach (var asset in home.QuerySelectorAll("link[rel=stylesheet], script[src]"))
        {
            var url = asset.GetAttribute("href") ?? asset.GetAttribute("src")!;
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }

        // The language switch returns to the page it was used on, under the base.
        var form = (IHtmlFormElement)(await anonymous.GetDocumentAsync(Base + "/SelfCheck")).QuerySelector("form button[name=culture]")!.Closest("form")!;
        var switched = await anonymous.PostFormAsync(form, new() { ["culture"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(Base + "/SelfCheck", switched.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Every_role_sees_only_links_under_the_path_base()
    {
        var year = await _app.FiscalYearAsync();
        var expertUser = await _app.UserAsync(Roles.Expert);
        var expert = await _app.ExpertAsync(expertUser.Id);
        var company = await _app.CompanyAsync(name: "パスベース" + TestData.Unique() + "株式会社");
        var engagement = await _app.EngagementAsync(year, company, expert.Id);
        await _app.SessionAndDeliverableAsync(engagement.Id);

        // A return URL under the base survives the sign-in.
        using var coordinator = await SignInAsync(Roles.Coordinator, returnUrl: Base + "/Engagements?year=" + year.StartYear);
        foreach (var url in new[]
        {
            "/", "/Applications", $"/Applications?year={year.StartYear}", "/Engagements", $"/Engagements?year={year.StartYear}&sort=hours",
            $"/Engagements/Details/{engagement.Id}", $"/Engagements/Plan/{engagement.Id}", $"/Engagements/Sessions/Edit/{engagement.Id}",
            $"/Engagements/Deliverables/Upload/{engagement.Id}", $"/Engagements/Edit/{engagement.Id}",
            "/Companies", $"/Companies/Details/{company.Id}", $"/Companies/Edit/{company.Id}", $"/Companies/Bases/Edit/{company.Id}",
            "/Experts", "/FiscalYears", $"/FiscalYears/Details/{year.Id}", "/Search?q=" + Uri.EscapeDataString(company.NameJa), "/Account/Manage",
        })
        {
            await PageAsync(coordinator, Base + url);
        }
        // Selects of an edit form show the stored values (the option tag helper and the explicit selected agree).
        var edit = await coordinator.GetDocumentAsync($"{Base}/Engagements/Edit/{engagement.Id}");
        var stored = await _app.WithDbAsync(db => db.Engagements.Where(e => e.Id == engagement.Id).Select(e => e.Status).SingleAsync());
        var status = (IHtmlSelectElement)edit.QuerySelector("#Input_Status")!;
        Assert.Equal(stored.ToString(), Assert.Single(status.Options, o => o.HasAttribute("selected")).Value);
        // The status page, re-executed under the base.
        var missing = await coordinator.GetAsync(Base + "/Engagements/Details/987654321");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertLinksCarryTheBase(await AppClient.ParseAsync(missing), "404");
        var search = await coordinator.GetDocumentAsync(Base + "/Search?q=" + Uri.EscapeDataString(company.NameJa));
        Assert.Contains(search.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"{Base}/Companies/Details/{company.Id}");
        // Sign-out goes home, under the base.
        var logoutForm = (IHtmlFormElement)(await coordinator.GetDocumentAsync(Base + "/")).QuerySelector($"form[action='{Base}/Account/Logout']")!;
        var loggedOut = await coordinator.PostFormAsync(logoutForm, []);
        AssertHome(loggedOut);

        using var admin = await SignInAsync(Roles.Administrator);
        foreach (var url in new[] { "/", "/Admin/Users", "/Admin/Audit", "/Admin/Catalogue", "/DataTransfer" })
        {
            await PageAsync(admin, Base + url);
        }

        using var expertClient = _app.NewClient();
        var expertLogin = await expertClient.SubmitAsync(Base + "/Account/Login", new() { ["Input.UserName"] = expertUser.UserName!, ["Input.Password"] = TestData.Password });
        // The code step lives under the base too, and leads home under it.
        var codeStep = expertLogin.Headers.Location!.OriginalString;
        Assert.StartsWith(Base + "/Account/TwoFactor?", codeStep, StringComparison.Ordinal);
        await PageAsync(expertClient, codeStep);
        AssertHome(await expertClient.SecondFactorAsync(expertLogin, expertUser.UserName!));
        foreach (var url in new[] { "/", "/Engagements", $"/Engagements/Details/{engagement.Id}", $"/Diagnoses/Hearing/{engagement.Id}" })
        {
            await PageAsync(expertClient, Base + url);
        }
        // A page the expert may not open: the refusal stays under the base.
        var refused = await expertClient.GetAsync(Base + "/Admin/Users");
        if (refused.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith(Base + "/Account/AccessDenied", refused.Headers.Location!.IsAbsoluteUri ? refused.Headers.Location.PathAndQuery : refused.Headers.Location.OriginalString, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            AssertLinksCarryTheBase(await AppClient.ParseAsync(refused), "403");
        }

        using var companyUser = await SignInAsync(Roles.CompanyUser, company.Id);
        foreach (var url in new[] { "/", $"/Engagements/Details/{engagement.Id}" })
        {
            await PageAsync(companyUser, Base + url);
        }
    }
}
