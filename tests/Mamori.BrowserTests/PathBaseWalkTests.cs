using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Mamori.BrowserTests;

/// <summary>The walk through the app served under a path base (/mamori): sign in through the login form, click
/// through the main navigation, switch the language, sign out and open the public self-check. Every request the
/// browser makes stays under the base, every page answers 200, the stylesheets apply, and no console errors.</summary>
[Collection(PathBaseBrowserCollection.Name)]
public sealed class PathBaseWalkTests(PathBaseBrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_walk_works_under_a_path_base()
    {
        await Fixture.WithDbAsync(async db =>
        {
            if (!await db.FiscalYears.AnyAsync(f => f.StartYear == 2022))
            {
                await Mamori.Web.Data.DemoData.LoadProgramAsync(db, DateTimeOffset.UtcNow);
            }
        });
        var origin = new Uri(Fixture.BaseUrl).GetLeftPart(UriPartial.Authority);
        var outside = new List<string>();
        var failed = new List<string>();
        Page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith(origin + Fixture.PathBase, StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        // Anonymous: the login redirect carries the base and the return URL; signing in lands on the page asked for.
        var (coordinator, password) = await Fixture.UserAsync(Roles.Coordinator);
        await Page.GotoAsync(Url("/Engagements?year=2022"));
        Assert.StartsWith(Url("/Account/Login?ReturnUrl="), Page.Url, StringComparison.Ordinal);
        await Page.GetByLabel("ユーザー名（メールアドレス）").FillAsync(coordinator);
        await Page.GetByLabel("パスワード").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        // The code step keeps the base and the return URL.
        await Page.WaitForURLAsync(url => url.StartsWith(Url("/Account/TwoFactor?ReturnUrl="), StringComparison.Ordinal));
        await AssertStyledAsync();
        await Page.GetByLabel("確認コード").FillAsync(await Fixture.CurrentCodeAsync(coordinator));
        await Page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(Url("/Engagements?year=2022"));
        await AssertStyledAsync();

        var nav = Page.Locator("#sidebar");
        await nav.GetByRole(AriaRole.Link, new() { Name = "ホーム", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(IsHome);
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("年度の状況");

        await nav.GetByRole(AriaRole.Link, new() { Name = "個別支援" }).ClickAsync();
        await Page.WaitForURLAsync(Url("/Engagements"));
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("個別支援");
        // Filter by year (a GET form to the same page), then sort (a link that keeps the filter).
        await Page.Locator("#year").SelectOptionAsync("2022");
        await Page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await Page.WaitForURLAsync(u => u.StartsWith(Url("/Engagements?year=2022"), StringComparison.Ordinal));
        // The URL changes when the new page starts to arrive; clicking before its table replaced the old one followed
        // the old sort link (without the year) on a loaded CI machine. Wait for the filtered page's link.
        var sortLink = Page.Locator("main th a").First;
        await Assertions.Expect(sortLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("year=2022"));
        await sortLink.ClickAsync();
        await Page.WaitForURLAsync(u => u.Contains("sort=", StringComparison.Ordinal) && u.Contains("year=2022", StringComparison.Ordinal));
        await Page.GetByRole(AriaRole.Link, new() { Name = "2022-CN-01" }).ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/mamori/Engagements/Details/\\d+$"));
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("東邦精密工業株式会社");
        await AssertStyledAsync();
        await ShotAsync("90-path-base-engagement");

        // The breadcrumb back to the list, then the other sections.
        await Page.Locator("nav .breadcrumb").GetByRole(AriaRole.Link, new() { Name = "個別支援" }).ClickAsync();
        await Page.WaitForURLAsync(Url("/Engagements"));
        await nav.GetByRole(AriaRole.Link, new() { Name = "応募" }).ClickAsync();
        await Page.WaitForURLAsync(Url("/Applications"));
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("応募");
        await nav.GetByRole(AriaRole.Link, new() { Name = "企業・拠点" }).ClickAsync();
        await Page.WaitForURLAsync(Url("/Companies"));
        await Page.GetByRole(AriaRole.Link, new() { Name = "東邦精密工業株式会社" }).First.ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/mamori/Companies/Details/\\d+$"));
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("東邦精密工業株式会社");

        // The language switch returns to the same page, under the base; so does the date style.
        await Page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Matches("/mamori/Companies/Details/\\d+$", Page.Url);
        await Page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Page.GetByRole(AriaRole.Button, new() { Name = "西暦表示" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "和暦表示" })).ToBeVisibleAsync();
        Assert.Matches("/mamori/Companies/Details/\\d+$", Page.Url);

        await LogoutAsync();
        await Assertions.Expect(Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "ログイン", Exact = true })).ToBeVisibleAsync();

        // The public self-check from the home page: a GET form to the questions page.
        await Page.GetByRole(AriaRole.Link, new() { Name = "自社の管理状況をセルフチェックする（無料・登録不要）" }).ClickAsync();
        await Page.WaitForURLAsync(Url("/SelfCheck"));
        await Page.Locator("input[name=c][value=CN]").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "質問に進む" }).ClickAsync();
        await Page.WaitForURLAsync(u => u.StartsWith(Url("/SelfCheck/Answer?"), StringComparison.Ordinal));
        await AssertStyledAsync();
        await Page.Locator("nav.breadcrumbs").GetByRole(AriaRole.Link, new() { Name = "セルフチェック" }).ClickAsync();
        await Page.WaitForURLAsync(Url("/SelfCheck"));
        await ShotAsync("91-path-base-self-check");

        Assert.True(outside.Count == 0, "requests outside the path base:\n" + string.Join("\n", outside));
        Assert.True(failed.Count == 0, "failed responses:\n" + string.Join("\n", failed));
    }

    /// <summary>site.css and Bootstrap loaded and applied: the dark top bar, Bootstrap's button padding.</summary>
    private async Task AssertStyledAsync()
    {
        var background = await Page.Locator("header.topbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
        var sheets = await Page.EvaluateAsync<int>("() => [...document.styleSheets].filter(s => s.href && s.cssRules.length > 0).length");
        Assert.Equal(2, sheets);
    }
}
