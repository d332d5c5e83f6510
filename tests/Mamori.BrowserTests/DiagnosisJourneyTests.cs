using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Mamori.BrowserTests;

/// <summary>The diagnosis in a real browser: the public self-check from the home page to the Word report,
/// and an expert's hearing that ends in improvement plan items.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DiagnosisJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Public_self_check_from_the_first_question_to_the_report_download()
    {
        await Page.GotoAsync(Url("/"));
        await Page.GetByRole(AriaRole.Link, new() { Name = "自社の管理状況をセルフチェックする（無料・登録不要）" }).ClickAsync();
        await Page.Locator("input[name=c][value=VN]").CheckAsync();
        await Page.Locator("input[name=n_VN]").FillAsync("45");
        await ShotAsync("80-self-check-start");
        await Page.GetByRole(AriaRole.Button, new() { Name = "質問に進む" }).ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("セルフチェック");

        // The first answer survives a reload: progress lives in the tab's session storage.
        await Page.Locator("input[name='a[A-01]'][value=partly]").CheckAsync();
        await Assertions.Expect(Page.Locator(".dx-toc [data-progress-for=A]")).ToContainTextAsync("(1/");
        await Page.ReloadAsync();
        await Assertions.Expect(Page.Locator("input[name='a[A-01]'][value=partly]")).ToBeCheckedAsync();

        // Answer the rest: "yes" for even-numbered items, "no" for odd ones, the first option of choices, a number, a text.
        var items = await Page.Locator(".dx-item").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.item)");
        Assert.Contains(items, i => i.StartsWith("J-", StringComparison.Ordinal)); // Vietnamese law items are asked
        foreach (var key in items.Skip(1))
        {
            var item = Page.Locator($"[data-item='{key}']");
            if (await item.Locator("input[type=radio][value=yes]").CountAsync() > 0)
            {
                await item.Locator($"input[type=radio][value={(int.Parse(key[2..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "yes" : "no")}]").CheckAsync();
            }
            else if (await item.Locator("input[type=radio]").CountAsync() > 0)
            {
                await item.Locator("input[type=radio]").Last.CheckAsync();
            }
            else if (await item.Locator("input[type=number]").CountAsync() > 0)
            {
                await item.Locator("input[type=number]").FillAsync("80");
            }
            else
            {
                await item.Locator("textarea").FillAsync("金型図面と顧客別の価格表");
            }
        }
        await Page.Locator("#respondentCompany").FillAsync("ハノイ精密株式会社");
        await ShotAsync("81-self-check-questions");
        await Page.GetByRole(AriaRole.Button, new() { Name = "結果を見る" }).ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/SelfCheck/Result\\?t="));
        await Assertions.Expect(Page.Locator("[data-testid=total-score]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("svg.radar")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#secrecy-heading")).ToBeVisibleAsync();
        await ShotAsync("82-self-check-result");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "報告書をダウンロード（Word）" }).ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(BrowserFixture.ArtifactsDir, "self-check-report.docx");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 5000 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K');
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => Object.keys(sessionStorage).filter(k => k.startsWith('mamori:selfcheck:')).length"));
    }

    [Fact]
    public async Task Expert_hearing_produces_plan_items()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var companyName = $"大連{token}工業株式会社";
        var (expertLogin, expertPassword) = await Fixture.UserAsync(Roles.Expert);
        var engagementId = await Fixture.WithDbAsync(async db =>
        {
            var startYear = 1900 + Random.Shared.Next(0, 90);
            var year = new FiscalYear
            {
                StartYear = startYear, OfficialName = $"ヒアリング試験{startYear}年度", AllowanceMinutes = 23 * 60,
                SupportStart = new DateOnly(startYear, 10, 1), SupportEnd = new DateOnly(startYear + 1, 2, 28),
                TargetCountries = [new TargetCountry { CountryCode = "CN", Quota = 3 }],
            };
            var company = new Company
            {
                Code = "H" + token, NameJa = companyName, Prefecture = "大阪府", SizeBand = SizeBand.Small, CreatedAt = DateTimeOffset.UtcNow,
                Bases = [new Base { Code = "H" + token + "-01", NameJa = "大連工場", CountryCode = "CN", RegionCode = "CN-LN", City = "大連", Headcount = 120 }],
            };
            company.RefreshKeys();
            var expertUserId = await db.Users.Where(u => u.UserName == expertLogin).Select(u => u.Id).SingleAsync();
            var expert = new Expert { Code = "H" + token, Name = $"王 {token}", Firm = "大連律師事務所", Languages = "zh;ja", UserId = expertUserId, Countries = [new ExpertCountry { CountryCode = "CN" }] };
            db.AddRange(year, company, expert);
            await db.SaveChangesAsync();
            var engagement = new Engagement
            {
                Number = $"{startYear}-CN-{token}", FiscalYearId = year.Id, CompanyId = company.Id, BaseId = company.Bases[0].Id, CountryCode = "CN",
                Status = EngagementStatus.Active, Version = Guid.NewGuid(), Experts = [new EngagementExpert { ExpertId = expert.Id, IsLead = true }],
            };
            db.Engagements.Add(engagement);
            await db.SaveChangesAsync();
            return engagement.Id;
        });

        await LoginAsync(expertLogin, expertPassword);
        await Page.GotoAsync(Url($"/Engagements/Details/{engagementId}"));
        await Page.GetByRole(AriaRole.Link, new() { Name = "ヒアリングを始める" }).ClickAsync();
        // The Chinese items are asked for a base in China.
        await Assertions.Expect(Page.Locator("[data-item='J-01']")).ToBeVisibleAsync();
        foreach (var key in new[] { "A-01", "A-02", "B-01", "D-01" })
        {
            await Page.Locator($"input[name='a[{key}]'][value=no]").CheckAsync();
        }
        await Page.Locator("input[name='a[J-01]'][value=partly]").CheckAsync();
        await Page.Locator("textarea[name='note[A-01]']").FillAsync("秘密情報の一覧がない。図面は共有フォルダに全員がアクセスできる。");
        await Page.GetByRole(AriaRole.Button, new() { Name = "途中保存" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".alert-success")).ToContainTextAsync("途中");
        await Assertions.Expect(Page.Locator("textarea[name='note[A-01]']")).ToHaveValueAsync("秘密情報の一覧がない。図面は共有フォルダに全員がアクセスできる。");
        await ShotAsync("85-expert-hearing");
        await Page.GetByRole(AriaRole.Button, new() { Name = "完了して結果を見る" }).ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Diagnoses/Details/\\d+$"));
        await Assertions.Expect(Page.Locator(".dx-gaps li").First).ToBeVisibleAsync();
        await ShotAsync("86-hearing-result");

        await Page.GetByRole(AriaRole.Button, new() { Name = "選んだ項目を改善計画に追加" }).ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/Engagements/Plan/{engagementId}$"));
        var forms = Page.Locator("form.plan-item");
        await Assertions.Expect(forms).ToHaveCountAsync(5);
        var firstKey = await forms.First.GetAttributeAsync("data-plan-item");
        var first = Page.Locator($"form.plan-item[data-plan-item='{firstKey}']");
        await first.Locator("input[name='Item.Owner']").FillAsync("総務部 李");
        await first.Locator("input[name='Item.DueDate']").FillAsync("2027-03-31");
        await first.Locator("select[name='Item.Status']").SelectOptionAsync("Decided");
        await first.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".alert-success")).ToContainTextAsync("保存");
        await Assertions.Expect(first.Locator("input[name='Item.Owner']")).ToHaveValueAsync("総務部 李");
        await ShotAsync("87-improvement-plan");
        var statuses = await Fixture.WithDbAsync(db => db.PlanItems.Where(p => p.EngagementId == engagementId).Select(p => p.Status).ToListAsync());
        Assert.Equal(5, statuses.Count);
        Assert.Contains(PlanItemStatus.Decided, statuses);
    }
}
