using System.Net;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Mamori.Tests.Pages;

public class CompanyPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, SqliteData, PostgresData]
    public async Task Coordinator_registers_a_company_and_a_base_picked_from_the_region_list(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var client = await app.ClientAsAsync(Roles.Coordinator);
        var token = TestData.Unique();
        var created = await client.SubmitAsync("/Companies/Edit", new()
        {
            ["Input.NameJa"] = $"株式会社{token}精工",
            ["Input.NameEn"] = $"{token} Seiko Co., Ltd.",
            ["Input.Prefecture"] = "愛知県",
            ["Input.SizeBand"] = "Small",
            ["Input.Headcount"] = "120",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var companyId = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

        var baseResponse = await client.SubmitAsync($"/Companies/Bases/Edit/{companyId}", new()
        {
            ["Input.NameJa"] = "タイ工場",
            ["Input.NameLocal"] = $"{token} (Thailand) Co., Ltd.",
            ["Input.Type"] = "Factory",
            ["Input.CountryCode"] = "TH",
            ["Input.RegionCode"] = "TH-24",
            ["Input.City"] = "バーンパコン郡",
            ["Input.Headcount"] = "80",
        });
        Assert.Equal(HttpStatusCode.Redirect, baseResponse.StatusCode);
        var details = await client.GetDocumentAsync($"/Companies/Details/{companyId}");
        Assert.Contains("チャチューンサオ県", details.Body!.TextContent, StringComparison.Ordinal);

        // The search box finds it by the base's local name, too.
        var list = await client.GetDocumentAsync($"/Companies?q={Uri.EscapeDataString(token + " (thailand)")}");
        Assert.Contains($"株式会社{token}精工", list.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, SqliteData]
    public async Task A_region_of_another_country_is_refused_with_the_field_named(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var company = await app.CompanyAsync();
        using var client = await app.ClientAsAsync(Roles.Coordinator);
        var before = await app.WithDbAsync(db => db.Bases.CountAsync(b => b.CompanyId == company.Id));
        var response = await client.SubmitAsync($"/Companies/Bases/Edit/{company.Id}", new()
        {
            ["Input.NameJa"] = "拠点", ["Input.Type"] = "Factory", ["Input.CountryCode"] = "TH", ["Input.RegionCode"] = "CN-SH",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("州・省", (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Bases.CountAsync(b => b.CompanyId == company.Id)));
    }

    [Theory, SqliteData]
    public async Task The_xlsx_export_holds_exactly_the_filtered_rows(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var token = TestData.Unique();
        await app.CompanyAsync(name: $"輸出テスト{token}甲株式会社");
        await app.CompanyAsync(name: $"輸出テスト{token}乙株式会社");
        await app.CompanyAsync();
        using var client = await app.ClientAsAsync(Roles.Coordinator);
        var response = await client.GetAsync($"/Companies?q={Uri.EscapeDataString("輸出テスト" + token)}&handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = await response.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains(token, (string)r["企業名"], StringComparison.Ordinal));
    }

    [Theory, SqliteData]
    public async Task A_company_user_sees_their_own_company_but_not_another(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var own = await app.CompanyAsync();
        var other = await app.CompanyAsync();
        using var client = await app.ClientAsAsync(Roles.CompanyUser, own.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Companies/Details/{own.Id}")).StatusCode);
        var foreign = await client.GetAsync($"/Companies/Details/{other.Id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain(other.NameJa, await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
