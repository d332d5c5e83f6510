using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Mamori.BrowserTests;

/// <summary>The program's main path in a real browser: a company applies on the public form, the office
/// screens and accepts it, the expert logs sessions until the hour warning, the company sees its progress.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SupportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Application_to_acceptance_to_sessions_to_company_progress()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var companyName = $"信州{token}精機株式会社";
        var (expertLogin, expertPassword) = await Fixture.UserAsync(Roles.Expert);
        var (coordinatorLogin, coordinatorPassword) = await Fixture.UserAsync(Roles.Coordinator);
        var startYear = 2060 + Random.Shared.Next(0, 100);
        await Fixture.WithDbAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            db.FiscalYears.Add(new FiscalYear
            {
                StartYear = startYear, OfficialName = $"ブラウザテスト{startYear}年度事業", AllowanceMinutes = 10 * 60,
                RecruitmentStart = today.AddDays(-5), RecruitmentEnd = today.AddDays(30),
                SupportStart = new DateOnly(startYear, 10, 1), SupportEnd = new DateOnly(startYear + 1, 2, 28),
                TargetCountries = [new TargetCountry { CountryCode = "TH", Quota = 3 }],
            });
            var expertUserId = await db.Users.Where(u => u.UserName == expertLogin).Select(u => u.Id).SingleAsync();
            db.Experts.Add(new Expert { Code = "B" + token, Name = $"ソムチャイ {token}", Firm = "Siam Legal", Languages = "th;ja", UserId = expertUserId, Countries = [new ExpertCountry { CountryCode = "TH" }] });
            await db.SaveChangesAsync();
        });

        // 1. The company applies on the public form, without an account.
        await Page.GotoAsync(Url($"/Apply?year={startYear}"));
        await Page.Locator("#Input_CompanyName").FillAsync(companyName);
        await Page.Locator("#Input_Prefecture").SelectOptionAsync("長野県");
        await Page.Locator("#Input_SizeBand").SelectOptionAsync("Small");
        await Page.Locator("#Input_BaseNameJa").FillAsync("タイ工場");
        await Page.Locator("#Input_BaseNameLocal").FillAsync($"Shinshu {token} (Thailand) Co., Ltd.");
        await Page.Locator("#Input_BaseType").SelectOptionAsync("Factory");
        await Page.Locator("#Input_CountryCode").SelectOptionAsync("TH");
        await Page.Locator("#Input_RegionCode").SelectOptionAsync("TH-24");
        await Page.Locator("#Input_BaseHeadcount").FillAsync("70");
        await Page.Locator("#Input_ContactName").FillAsync("山田 花子");
        await Page.Locator("#Input_ContactEmail").FillAsync("hanako@example.jp");
        await Page.Locator("input[name='Support.Menu'][value='Hearing']").CheckAsync();
        await Page.Locator("input[name='Support.Menu'][value='ContractDrafting']").CheckAsync();
        await Page.Locator("#Support_Concerns").FillAsync("就業規則の秘密保持条項が古く、退職者による図面の持ち出しが心配です。");
        await Page.Locator("input[name='Support.Assets[0].Name']").FillAsync("製品図面");
        await Page.Locator("input[name='Support.Assets[0].StorageLocation']").FillAsync("設計サーバー");
        await Page.Locator("input[name='Support.Assets[0].AccessibleBy']").FillAsync("設計課");
        await Page.GetByRole(AriaRole.Button, new() { Name = "行を追加" }).ClickAsync();
        await Page.Locator("input[name='Support.Assets[3].Name']").FillAsync("顧客リスト");
        await Page.Locator("#Support_ConsentDataHandling").CheckAsync();
        await Page.Locator("#Support_ConsentSurvey").CheckAsync();
        await ShotAsync("10-public-application-form");
        await Page.GetByRole(AriaRole.Button, new() { Name = "応募する" }).ClickAsync();
        await Page.WaitForURLAsync(Url("/Apply/Thanks"));
        var number = (await Page.Locator("[data-application-number]").InnerTextAsync()).Trim();
        Assert.StartsWith($"{startYear}-", number, StringComparison.Ordinal);
        await ShotAsync("11-application-received");

        // 2. The office screens and accepts it, assigning the expert.
        await LoginAsync(coordinatorLogin, coordinatorPassword);
        await ShotAsync("20-coordinator-dashboard");
        await Page.GotoAsync(Url($"/Applications?year={startYear}"));
        await Page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("顧客リスト");
        await Page.Locator("#move-to").SelectOptionAsync("Screening");
        await Page.Locator("#move-reason").FillAsync("書類確認");
        await Page.GetByRole(AriaRole.Button, new() { Name = "変更する" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".alert-success")).ToContainTextAsync("審査中");
        await Page.Locator("#accept-experts").SelectOptionAsync(new SelectOptionValue { Label = $"ソムチャイ {token}（Siam Legal）" });
        await ShotAsync("21-application-screening");
        await Page.GetByRole(AriaRole.Button, new() { Name = "採択する" }).ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Engagements/Details/\\d+$"));
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync($"ソムチャイ {token}");
        var engagementUrl = Page.Url;
        await ShotAsync("22-engagement-opened");
        await LogoutAsync();

        // 3. The expert logs two sessions; the second reaches 80 % of the 10-hour allowance.
        await LoginAsync(expertLogin, expertPassword);
        await Assertions.Expect(Page.Locator("[data-engagement-card]")).ToContainTextAsync(companyName);
        await Page.GetByRole(AriaRole.Link, new() { Name = companyName }).ClickAsync();
        foreach (var (day, start, end) in new[] { ($"{startYear}-11-10", "09:00", "13:00"), ($"{startYear}-12-01", "13:00", "17:00") })
        {
            await Page.GetByRole(AriaRole.Link, new() { Name = "活動を記録" }).ClickAsync();
            await Page.Locator("#Input_Date").FillAsync(day);
            await Page.Locator("#Input_StartTime").FillAsync(start);
            await Page.Locator("#Input_EndTime").FillAsync(end);
            await Page.Locator("#Input_Type").SelectOptionAsync("Advice");
            await Page.Locator("#Input_Mode").SelectOptionAsync("OnSite");
            await Page.Locator("#Input_AttendeeCount").FillAsync("4");
            await Page.Locator("#Input_AttendeeRoles").FillAsync("社長、総務マネージャー");
            await Page.Locator("#Input_Summary").FillAsync("秘密保持契約と就業規則の改正点を助言");
            if (day.EndsWith("12-01", StringComparison.Ordinal))
            {
                await ShotAsync("30-expert-session-form");
            }
            await Page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Page.WaitForURLAsync(engagementUrl);
        }
        await Assertions.Expect(Page.Locator("[data-allowance-state]")).ToHaveAttributeAsync("data-allowance-state", "Warning");
        await Assertions.Expect(Page.Locator(".alert-success")).ToContainTextAsync("80%");
        await ShotAsync("31-expert-hour-warning");
        await LogoutAsync();

        // 4. The company user sees the progress of their own support.
        var companyId = await Fixture.WithDbAsync(db => db.Companies.Where(c => c.NameJa == companyName).Select(c => c.Id).SingleAsync());
        var (companyLogin, companyPassword) = await Fixture.UserAsync(Roles.CompanyUser, companyId);
        await LoginAsync(companyLogin, companyPassword);
        var card = Page.Locator("[data-engagement-card]");
        await Assertions.Expect(card).ToContainTextAsync("8／10時間");
        await Assertions.Expect(card).ToContainTextAsync($"ソムチャイ {token}");
        await ShotAsync("40-company-progress");
        await card.GetByRole(AriaRole.Link, new() { Name = companyName }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-sessions]")).ToContainTextAsync("アドバイス");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "活動を記録" })).ToHaveCountAsync(0);
        await ShotAsync("41-company-engagement");
    }

    [Fact]
    public async Task The_english_ui_and_seireki_switches_work()
    {
        await Page.GotoAsync(Url("/"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Apply for support" })).ToBeVisibleAsync();
        await ShotAsync("50-home-english");
        await Page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "個別支援に応募する" })).ToBeVisibleAsync();
    }
}
