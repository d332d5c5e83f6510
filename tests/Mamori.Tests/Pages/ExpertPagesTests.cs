using System.Net;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Pages;

public class ExpertPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, SqliteData, PostgresData]
    public async Task Coordinator_registers_an_expert_linked_to_an_expert_account(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var account = await app.UserAsync(Roles.Expert);
        using var client = await app.ClientAsAsync(Roles.Coordinator);
        var name = "専門家 " + TestData.Unique();
        var response = await client.SubmitAsync("/Experts/Edit", new()
        {
            ["Input.Name"] = name,
            ["Input.Firm"] = "テスト律師事務所",
            ["Input.Countries"] = AppClient.Many("CN", "VN"),
            ["Input.Languages"] = AppClient.Many("zh", "ja"),
            ["Input.UserId"] = account.Id,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var expert = await app.WithDbAsync(db => db.Experts.Include(e => e.Countries).SingleAsync(e => e.Name == name));
        Assert.Equal(account.Id, expert.UserId);
        Assert.Equal(["CN", "VN"], expert.Countries.Select(c => c.CountryCode).Order());
        Assert.Equal("zh;ja", expert.Languages);
    }

    [Theory, SqliteData]
    public async Task An_account_without_the_expert_role_cannot_be_linked(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var companyUser = await app.UserAsync(Roles.CompanyUser);
        using var client = await app.ClientAsAsync(Roles.Coordinator);
        var name = "専門家 " + TestData.Unique();
        var response = await client.SubmitAsync("/Experts/Edit", new()
        {
            ["Input.Name"] = name, ["Input.Countries"] = "CN", ["Input.UserId"] = companyUser.Id,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ログインアカウント", (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Experts.AnyAsync(e => e.Name == name)));
    }
}
