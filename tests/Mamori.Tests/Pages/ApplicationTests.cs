using System.Net;
using Mamori.Domain;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Pages;

public class ApplicationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> PublicForm(int fiscalYearId, string companyName, string country = "TH", string region = "TH-24") => new()
    {
        ["FiscalYearId"] = fiscalYearId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.CompanyName"] = companyName,
        ["Input.Prefecture"] = "長野県",
        ["Input.SizeBand"] = "Small",
        ["Input.BaseNameJa"] = "タイ工場",
        ["Input.BaseNameLocal"] = "Test (Thailand) Co., Ltd.",
        ["Input.BaseType"] = "Factory",
        ["Input.CountryCode"] = country,
        ["Input.RegionCode"] = region,
        ["Input.BaseHeadcount"] = "70",
        ["Input.ContactName"] = "山田 花子",
        ["Input.ContactEmail"] = "hanako@example.jp",
        ["Support.Menu"] = AppClient.Many("Hearing", "ContractDrafting"),
        ["Support.Concerns"] = "就業規則の秘密保持条項が古い",
        ["Support.Assets[0].Name"] = "製品図面",
        ["Support.Assets[0].Category"] = "Technical",
        ["Support.Assets[0].Medium"] = "Both",
        ["Support.Assets[0].StorageLocation"] = "設計サーバー",
        ["Support.Assets[0].AccessibleBy"] = "設計課",
        ["Support.ConsentDataHandling"] = "true",
        ["Support.ConsentSurvey"] = "true",
    };

    [Theory, SqliteData, PostgresData]
    public async Task A_company_applies_without_an_account_and_gets_a_receipt(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, openForApplications: true, "TH", "CN");
        using var visitor = app.NewClient();
        var name = $"信州{TestData.Unique()}精機株式会社";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var response = await visitor.SubmitAsync($"/Apply?year={year.StartYear}", PublicForm(year.Id, name));
        Assert.Equal("/Apply/Thanks", await AppClient.AssertRedirectAsync(response));
        var thanks = await visitor.GetDocumentAsync("/Apply/Thanks");
        var number = thanks.QuerySelector("[data-application-number]")!.TextContent.Trim();
        Assert.StartsWith($"{year.StartYear}-", number, StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.Applications.Include(a => a.Company).ThenInclude(c => c!.Contacts).Include(a => a.Base).Include(a => a.InformationAssets)
            .SingleAsync(a => a.Number == number));
        Assert.Equal(ApplicationStatus.Received, stored.Status);
        Assert.Equal(ApplicationChannel.PublicForm, stored.Channel);
        Assert.True(stored.ReceivedAt >= before);
        Assert.True(stored.Company!.IsProvisional);
        Assert.Equal(name, stored.Company.NameJa);
        Assert.Equal("TH-24", stored.Base!.RegionCode);
        Assert.Equal(SupportMenu.Hearing | SupportMenu.ContractDrafting, stored.Menu);
        Assert.Equal("製品図面", Assert.Single(stored.InformationAssets).Name);
        Assert.True(stored.ConsentDataHandling && stored.ConsentSurvey && !stored.ConsentCasePublication);
        Assert.Equal("hanako@example.jp", Assert.Single(stored.Company.Contacts).Email);
    }

    [Theory, SqliteData]
    public async Task Missing_consent_and_a_country_outside_the_targets_are_named_and_nothing_is_written(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, openForApplications: true, "CN");
        using var visitor = app.NewClient();
        var name = $"失敗{TestData.Unique()}株式会社";
        var form = PublicForm(year.Id, name, country: "MX", region: "");
        form.Remove("Support.ConsentDataHandling");
        var response = await visitor.SubmitAsync($"/Apply?year={year.StartYear}", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent;
        Assert.Contains("国・地域", errors, StringComparison.Ordinal);
        Assert.Contains("同意", errors, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Companies.AnyAsync(c => c.NameJa == name)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_same_company_country_and_year_twice_is_flagged_as_a_duplicate(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, openForApplications: true, "TH");
        using var visitor = app.NewClient();
        var token = TestData.Unique();
        await AppClient.AssertRedirectAsync(await visitor.SubmitAsync($"/Apply?year={year.StartYear}", PublicForm(year.Id, $"株式会社{token}")));
        // Same company written differently: (株) and full-width.
        await AppClient.AssertRedirectAsync(await visitor.SubmitAsync($"/Apply?year={year.StartYear}", PublicForm(year.Id, $"（株）{token}")));
        var apps = await app.WithDbAsync(db => db.Applications.Where(a => a.FiscalYearId == year.Id).OrderBy(a => a.ReceivedAt).ToListAsync());
        Assert.Equal(2, apps.Count);
        Assert.Null(apps[0].DuplicateOfId);
        Assert.Equal(apps[0].Id, apps[1].DuplicateOfId);

        using var coordinator = await app.ClientAsAsync(Roles.Coordinator);
        var list = await coordinator.GetDocumentAsync($"/Applications?year={year.StartYear}");
        Assert.Contains("重複の可能性", list.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Coordinator_screens_and_accepts_which_creates_the_engagement_with_the_expert(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, false, "CN");
        var company = await app.CompanyAsync();
        var expert = await app.ExpertAsync(country: "CN");
        var coordinatorUser = await app.UserAsync(Roles.Coordinator);
        using var coordinator = await app.ClientAsAsync(coordinatorUser);

        var created = await coordinator.SubmitAsync($"/Applications/Edit?companyId={company.Id}", new()
        {
            ["Input.FiscalYearId"] = year.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Support.Menu"] = "Hearing",
            ["Support.ConsentDataHandling"] = "true",
        });
        var detailsUrl = await AppClient.AssertRedirectAsync(created);

        var screened = await coordinator.SubmitAsync(detailsUrl, new() { ["Move.To"] = "Screening", ["Move.Reason"] = "書類確認" }, "form[action*='handler=Move']");
        await AppClient.AssertRedirectAsync(screened);
        var accepted = await coordinator.SubmitAsync(detailsUrl, new() { ["Accept.ExpertIds"] = expert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "form[action*='handler=Accept']");
        var engagementUrl = await AppClient.AssertRedirectAsync(accepted);
        Assert.StartsWith("/Engagements/Details/", engagementUrl, StringComparison.Ordinal);

        var application = await app.WithDbAsync(db => db.Applications.Include(a => a.StatusChanges).Include(a => a.Engagement).ThenInclude(e => e!.Experts)
            .SingleAsync(a => a.CompanyId == company.Id && a.FiscalYearId == year.Id));
        Assert.Equal(ApplicationStatus.Accepted, application.Status);
        Assert.Equal([ApplicationStatus.Screening, ApplicationStatus.Accepted], application.StatusChanges.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => c.To));
        Assert.All(application.StatusChanges, c => Assert.Equal(coordinatorUser.Id, c.UserId));
        Assert.Equal("書類確認", application.StatusChanges.First(c => c.To == ApplicationStatus.Screening).Reason);
        var engagement = application.Engagement!;
        Assert.Equal(23 * 60, engagement.AllowanceMinutes);
        Assert.Equal(expert.Id, Assert.Single(engagement.Experts).ExpertId);
        Assert.Matches($"^{year.StartYear}-CN-\\d\\d$", engagement.Number);
    }

    [Theory, SqliteData]
    public async Task Declining_without_a_reason_is_refused_and_nothing_changes(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync();
        var company = await app.CompanyAsync();
        var applicationId = await app.WithDbAsync(async db =>
        {
            var b = await db.Bases.FirstAsync(x => x.CompanyId == company.Id);
            var a = new Application { Number = "D" + TestData.Unique()[..8], FiscalYearId = year.Id, CompanyId = company.Id, BaseId = b.Id, CountryCode = b.CountryCode, ReceivedAt = DateTimeOffset.UtcNow, Menu = SupportMenu.Hearing, ConsentDataHandling = true };
            db.Applications.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        using var coordinator = await app.ClientAsAsync(Roles.Coordinator);
        var response = await coordinator.SubmitAsync($"/Applications/Details/{applicationId}", new() { ["Move.To"] = "Declined", ["Move.Reason"] = "" }, "form[action*='handler=Move']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("理由", (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Received, await app.WithDbAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.Status).SingleAsync()));
    }

    [Theory, SqliteData]
    public async Task A_second_application_for_an_accepted_company_country_and_year_is_refused_by_the_coordinator_form(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync();
        var engagement = await app.EngagementAsync(year);
        using var coordinator = await app.ClientAsAsync(Roles.Coordinator);
        var response = await coordinator.SubmitAsync($"/Applications/Edit?companyId={engagement.CompanyId}", new()
        {
            ["Input.FiscalYearId"] = year.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Support.Menu"] = "Advice",
            ["Support.ConsentDataHandling"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("既にあります", (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Applications.CountAsync(a => a.CompanyId == engagement.CompanyId && a.FiscalYearId == year.Id)));
    }

    [Theory, SqliteData]
    public async Task A_provisional_company_is_merged_into_the_registered_one(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, openForApplications: true, "TH");
        var token = TestData.Unique();
        var registered = await app.CompanyAsync("TH", "TH-24", name: $"株式会社{token}");
        using var visitor = app.NewClient();
        await AppClient.AssertRedirectAsync(await visitor.SubmitAsync($"/Apply?year={year.StartYear}", PublicForm(year.Id, $"{token}株式会社")));
        var provisionalId = await app.WithDbAsync(db => db.Companies.Where(c => c.IsProvisional && c.NameKey == registered.NameKey).Select(c => c.Id).SingleAsync());

        using var coordinator = await app.ClientAsAsync(Roles.Coordinator);
        await AppClient.AssertRedirectAsync(await coordinator.SubmitAsync($"/Companies/Merge/{provisionalId}", new() { ["TargetId"] = registered.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var merged = await app.WithDbAsync(db => db.Companies.Include(c => c.Bases).Include(c => c.Contacts).SingleAsync(c => c.Id == registered.Id));
        Assert.Equal(2, merged.Bases.Count);
        Assert.Single(merged.Contacts);
        Assert.False(await app.WithDbAsync(db => db.Companies.AnyAsync(c => c.Id == provisionalId)));
        Assert.Equal(registered.Id, await app.WithDbAsync(db => db.Applications.Where(a => a.FiscalYearId == year.Id).Select(a => a.CompanyId).SingleAsync()));
    }

    [Fact]
    public async Task The_public_form_is_rate_limited_per_address()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite, new Dictionary<string, string?> { ["Security:PublicFormPostsPerMinute"] = "2" });
        var year = await app.FiscalYearAsync(23, openForApplications: true, "TH");
        using var visitor = app.NewClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await visitor.SubmitAsync($"/Apply?year={year.StartYear}", PublicForm(year.Id, $"連続{TestData.Unique()}"))).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], codes);
    }
}
