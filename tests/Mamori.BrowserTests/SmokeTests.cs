using Mamori.Web.Security;
using Microsoft.Playwright;

namespace Mamori.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_coordinator_signs_in_over_loopback_http_and_sees_the_menu()
    {
        await Page.GotoAsync(Url("/"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("現地の専門家が支援します");
        await ShotAsync("00-public-home");
        var (user, password) = await Fixture.UserAsync(Roles.Coordinator);
        await LoginAsync(user, password);
        await Assertions.Expect(Page.Locator("#sidebar")).ToContainTextAsync("個別支援");
        await ShotAsync("01-coordinator-home");
        await LogoutAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "ログイン" })).ToBeVisibleAsync();
    }
}
