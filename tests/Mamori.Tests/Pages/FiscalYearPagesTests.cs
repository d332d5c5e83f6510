using System.Net;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Pages;

public class FiscalYearPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static int FreeYear() => 2100 + Random.Shared.Next(0, 99);

    [Theory, SqliteData, PostgresData]
    public async Task Administrator_creates_a_year_with_target_countries_including_non_asian(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var admin = await app.ClientAsAsync(Roles.Administrator);
        var year = await UnusedYearAsync(app);
        var response = await admin.SubmitAsync("/FiscalYears/Edit", new()
        {
            ["Input.StartYear"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OfficialName"] = $"テスト{year}年度重要技術総合管理事業",
            ["Input.AllowanceHours"] = "23",
            ["Input.SetupConsultationHours"] = "1",
            ["Input.SupportStart"] = $"{year}-10-13",
            ["Input.SupportEnd"] = $"{year + 1}-02-17",
            ["Input.Targets[0].CountryCode"] = "CN",
            ["Input.Targets[0].Quota"] = "5",
            ["Input.Targets[1].CountryCode"] = "DE",
            ["Input.Targets[1].Quota"] = "1",
            ["Input.Targets[2].CountryCode"] = "VN",
            ["Input.Targets[2].Note"] = "応募実績なし",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.FiscalYears.Include(f => f.TargetCountries).SingleAsync(f => f.StartYear == year));
        Assert.Equal(23 * 60, stored.AllowanceMinutes);
        Assert.Equal(["CN", "DE", "VN"], stored.TargetCountries.Select(t => t.CountryCode).Order());
        Assert.Equal("応募実績なし", stored.TargetCountries.Single(t => t.CountryCode == "VN").Note);

        var details = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("ドイツ", details.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("年度", details.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, SqliteData]
    public async Task Support_end_before_start_names_the_field_and_writes_nothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var admin = await app.ClientAsAsync(Roles.Administrator);
        var year = await UnusedYearAsync(app);
        var response = await admin.SubmitAsync("/FiscalYears/Edit", new()
        {
            ["Input.StartYear"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OfficialName"] = "x",
            ["Input.SupportStart"] = $"{year}-12-01",
            ["Input.SupportEnd"] = $"{year}-11-01",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent;
        Assert.Contains("支援終了日", errors, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.FiscalYears.AnyAsync(f => f.StartYear == year)));
    }

    [Theory, SqliteData]
    public async Task Tampered_country_code_is_refused(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var admin = await app.ClientAsAsync(Roles.Administrator);
        var year = await UnusedYearAsync(app);
        var response = await admin.SubmitAsync("/FiscalYears/Edit", new()
        {
            ["Input.StartYear"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OfficialName"] = "x",
            ["Input.Targets[0].CountryCode"] = "ZZ",
        });
        Assert.Contains("ZZ", (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.FiscalYears.AnyAsync(f => f.StartYear == year)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Two_officers_editing_the_same_year_do_not_overwrite_each_other(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync();
        using var first = await app.ClientAsAsync(Roles.Administrator);
        using var second = await app.ClientAsAsync(Roles.Administrator);
        var firstForm = (await first.GetDocumentAsync($"/FiscalYears/Edit/{year.Id}")).QuerySelector("main form") as AngleSharp.Html.Dom.IHtmlFormElement;
        var secondForm = (await second.GetDocumentAsync($"/FiscalYears/Edit/{year.Id}")).QuerySelector("main form") as AngleSharp.Html.Dom.IHtmlFormElement;

        await AppClient.AssertRedirectAsync(await first.PostFormAsync(firstForm!, new() { ["Input.OfficialName"] = "先に保存した名前" }));
        var conflict = await second.PostFormAsync(secondForm!, new() { ["Input.OfficialName"] = "後から保存した名前" });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await AppClient.ParseAsync(conflict);
        Assert.Contains("先に更新しました", page.QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("先に保存した名前", (page.QuerySelector("#Input_OfficialName") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        Assert.Equal("先に保存した名前", await app.WithDbAsync(db => db.FiscalYears.Where(f => f.Id == year.Id).Select(f => f.OfficialName).SingleAsync()));
    }

    [Theory, SqliteData]
    public async Task Changes_to_a_year_are_in_the_audit_trail(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync();
        var admin = await app.UserAsync(Roles.Administrator);
        using var client = await app.ClientAsAsync(admin);
        await AppClient.AssertRedirectAsync(await client.SubmitAsync($"/FiscalYears/Edit/{year.Id}", new() { ["Input.AllowanceHours"] = "10" }));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "FiscalYear" && a.EntityId == year.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "updated").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(admin.Id, entry.UserId);
        Assert.Contains("\"AllowanceMinutes\":[\"1380\",\"600\"]", entry.Changes, StringComparison.Ordinal);
    }

    private static async Task<int> UnusedYearAsync(MamoriFactory app)
    {
        var used = await app.WithDbAsync(db => db.FiscalYears.Select(f => f.StartYear).ToListAsync());
        int y;
        do
        {
            y = FreeYear();
        }
        while (used.Contains(y));
        return y;
    }
}
