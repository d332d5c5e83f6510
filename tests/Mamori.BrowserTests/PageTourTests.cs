using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Mamori.BrowserTests;

/// <summary>Opens every main page with the FY2022 demo program loaded, as an administrator and in English,
/// checking each renders without errors (console errors and CSP violations fail the test) and keeping a
/// screenshot of each for people to look at.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTourTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Every_main_page_renders_for_an_administrator()
    {
        var ids = await DemoProgramAsync();
        var (admin, password) = await Fixture.UserAsync(Roles.Administrator);
        await LoginAsync(admin, password);
        var pages = new (string Name, string Path, string Heading)[]
        {
            ("60-dashboard", "/", "年度の状況"),
            ("61-fiscal-years", "/FiscalYears", "年度設定"),
            ("62-fiscal-year-2022", $"/FiscalYears/Details/{ids.Year}", "令和4年度"),
            ("63-fiscal-year-edit", $"/FiscalYears/Edit/{ids.Year}", "年度を編集"),
            ("64-companies", "/Companies", "企業・拠点"),
            ("65-company", $"/Companies/Details/{ids.Company}", "東邦精密工業株式会社"),
            ("66-experts", "/Experts", "専門家"),
            ("67-applications", "/Applications?year=2022", "応募"),
            ("68-application", $"/Applications/Details/{ids.Application}", "2022-001"),
            ("69-engagements", "/Engagements?year=2022", "個別支援"),
            ("70-engagement", $"/Engagements/Details/{ids.Engagement}", "東邦精密工業株式会社"),
            ("71-session-form", $"/Engagements/Sessions/Edit/{ids.Engagement}", "活動を記録"),
            ("72-upload-form", $"/Engagements/Deliverables/Upload/{ids.Engagement}", "成果物をアップロード"),
            ("73-data-transfer", "/DataTransfer", "データ入出力"),
            ("74-users", "/Admin/Users", "ユーザー管理"),
            ("75-audit", "/Admin/Audit", "監査ログ"),
            ("76-search", "/Search?q=%E6%9D%B1%E9%82%A6", "検索"),
            ("77-account", "/Account/Manage", "アカウント設定"),
        };
        foreach (var (name, path, heading) in pages)
        {
            var response = await Page.GotoAsync(Url(path));
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync(heading);
            await ShotAsync(name);
        }
        await Page.GotoAsync(Url($"/Engagements/Details/{ids.Engagement}"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Sessions");
        await ShotAsync("78-engagement-english");
        await Page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "西暦表示" }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-sessions]")).ToContainTextAsync("2022年10月13日(木)");
        await ShotAsync("79-engagement-seireki");
    }

    /// <summary>Every main page, anonymous and as an administrator, in Japanese and in English, fits a 390 px phone:
    /// nothing makes the page scroll sideways (wide tables scroll inside their own box). A failure names the page
    /// and the elements that stick out.</summary>
    [Fact]
    public async Task Every_main_page_fits_a_phone_in_japanese_and_in_english()
    {
        var ids = await DemoProgramAsync();
        await Page.SetViewportSizeAsync(390, 844);
        string[] publicPages = ["/", "/SelfCheck", "/SelfCheck/Answer?c=CN", "/Apply", "/Account/Login"];
        string[] staffPages =
        [
            "/", "/FiscalYears", $"/FiscalYears/Details/{ids.Year}", $"/FiscalYears/Edit/{ids.Year}", "/Companies",
            $"/Companies/Details/{ids.Company}", "/Experts", "/Applications?year=2022", $"/Applications/Details/{ids.Application}",
            "/Engagements?year=2022", $"/Engagements/Details/{ids.Engagement}", $"/Engagements/Sessions/Edit/{ids.Engagement}",
            $"/Engagements/Deliverables/Upload/{ids.Engagement}", $"/Engagements/Plan/{ids.Engagement}", "/DataTransfer",
            "/Admin/Users", "/Admin/Audit", "/Admin/Catalogue", "/Search?q=%E6%9D%B1%E9%82%A6", "/Account/Manage",
        ];
        var overflows = new List<string>();
        foreach (var culture in new[] { "ja", "en" })
        {
            await Context.ClearCookiesAsync();
            await UseCultureAsync(culture);
            await CheckAsync(culture, publicPages, "/");
            await Context.ClearCookiesAsync();
            var (admin, password) = await Fixture.UserAsync(Roles.Administrator);
            await LoginAsync(admin, password);
            await UseCultureAsync(culture);
            await CheckAsync(culture, staffPages, $"/Engagements/Details/{ids.Engagement}");
        }
        Assert.True(overflows.Count == 0, "wider than a 390 px phone:\n" + string.Join("\n", overflows));

        Task UseCultureAsync(string culture) =>
            Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = Fixture.BaseUrl }]);

        async Task CheckAsync(string culture, string[] paths, string shot)
        {
            foreach (var path in paths)
            {
                var response = await Page.GotoAsync(Url(path));
                Assert.True(response!.Ok, $"{path} answered {response.Status}");
                var wide = await Page.EvaluateAsync<string[]>("""
                    () => {
                      const limit = document.documentElement.clientWidth;
                      if (document.documentElement.scrollWidth <= limit + 1) return [];
                      return [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > limit + 1 && !e.closest('.table-wrap, .table-responsive, pre'))
                        .slice(0, 5)
                        .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '') + ' "' + (e.textContent || '').trim().slice(0, 40) + '"');
                    }
                    """);
                if (wide.Length > 0)
                {
                    overflows.Add($"{culture} {path}: {string.Join(" | ", wide)}");
                }
                if (path == shot)
                {
                    await ShotAsync($"80-phone-{culture}{path.Replace('/', '-').TrimEnd('-')}");
                }
            }
        }
    }

    private sealed record DemoIds(int Year, int Company, int Application, int Engagement);

    /// <summary>The FY2022 demo program (loaded once per browser fixture) and the ids the tour opens.</summary>
    private async Task<DemoIds> DemoProgramAsync()
    {
        await Fixture.WithDbAsync(async db =>
        {
            if (!await db.FiscalYears.AnyAsync(f => f.StartYear == 2022))
            {
                await Mamori.Web.Data.DemoData.LoadProgramAsync(db, DateTimeOffset.UtcNow);
            }
        });
        return await Fixture.WithDbAsync(async db => new DemoIds(
            await db.FiscalYears.Where(f => f.StartYear == 2022).Select(f => f.Id).SingleAsync(),
            await db.Companies.Where(c => c.Code == "C0001").Select(c => c.Id).SingleAsync(),
            await db.Applications.Where(a => a.Number == "2022-001").Select(a => a.Id).SingleAsync(),
            await db.Engagements.Where(e => e.Number == "2022-CN-01").Select(e => e.Id).SingleAsync()));
    }
}
