using Mamori.Testing;
using Mamori.Web.Security;
using Microsoft.Playwright;

namespace Mamori.BrowserTests;

/// <summary>Issue #19, point 2, as people click it: a coordinator without a second factor is enrolled at the first
/// sign-in (QR code, key, first code, recovery codes), then signs in with a code and has the device remembered.
/// Screenshots at 1366 and 390 px, in Japanese and English.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_coordinator_enrols_at_first_sign_in_then_signs_in_with_a_code()
    {
        var (user, password) = await Fixture.UserAsync(Roles.Coordinator, secondFactor: false);
        await Page.GotoAsync(Url("/Engagements"));
        await Page.GetByLabel("ユーザー名（メールアドレス）").FillAsync(user);
        await Page.GetByLabel("パスワード").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        await Page.WaitForURLAsync(url => url.Contains("/Account/TwoFactorSetup?", StringComparison.Ordinal));
        await Assertions.Expect(Page.Locator(".qr-code svg")).ToBeVisibleAsync();
        Assert.StartsWith("otpauth://totp/Mamori:", await Page.Locator("[data-otpauth]").GetAttributeAsync("href"), StringComparison.Ordinal);
        var key = (await Page.Locator("[data-authenticator-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await ShotAsync("92-two-factor-setup");
        await Page.SetViewportSizeAsync(390, 844);
        await ShotAsync("93-two-factor-setup-390");
        await Page.SetViewportSizeAsync(1366, 900);

        await Page.GetByLabel("確認コード").FillAsync(AuthenticatorApp.Code(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-recovery-codes] li")).ToHaveCountAsync(TwoFactorSettings.RecoveryCodeCount);
        await ShotAsync("94-two-factor-recovery-codes");
        await Page.GetByRole(AriaRole.Link, new() { Name = "保存しました。続ける" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.EndsWith("/Engagements", StringComparison.Ordinal));
        await LogoutAsync();

        // Next time: the password, then the code; this device is remembered.
        await Page.GotoAsync(Url("/Account/Login"));
        await Page.GetByLabel("ユーザー名（メールアドレス）").FillAsync(user);
        await Page.GetByLabel("パスワード").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/Account/TwoFactor?", StringComparison.Ordinal));
        await ShotAsync("95-two-factor-code");
        await Page.GetByLabel("確認コード").FillAsync(await Fixture.CurrentCodeAsync(user));
        await Page.GetByLabel("この端末では14日間コードを省略する").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(IsHome);

        await Page.GotoAsync(Url("/Account/Manage"));
        await Assertions.Expect(Page.Locator("[data-two-factor]")).ToContainTextAsync("有効");
        await Assertions.Expect(Page.Locator("[data-two-factor]")).ToContainTextAsync("未使用のリカバリーコード：10個");
        await ShotAsync("96-account-two-factor");
        await LogoutAsync();

        // Remembered: the password alone now.
        await Page.GotoAsync(Url("/Account/Login"));
        await Page.GetByLabel("ユーザー名（メールアドレス）").FillAsync(user);
        await Page.GetByLabel("パスワード").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Page.WaitForURLAsync(IsHome);
    }

    [Fact]
    public async Task The_code_page_reads_in_English_on_a_phone_and_survives_the_language_switch()
    {
        var (user, password) = await Fixture.UserAsync(Roles.Expert);
        await using var english = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await english.NewPageAsync();
        await page.GotoAsync(Url("/Account/Login"));
        await page.Locator("#Input_UserName").FillAsync(user);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/TwoFactor?", StringComparison.Ordinal));
        // Switching the language on the code page keeps the pending sign-in.
        await page.Locator("button[name=culture][value=en]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Enter verification code");
        Assert.Contains("/Account/TwoFactor?", page.Url, StringComparison.Ordinal);
        await page.Locator("summary").ClickAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDir, "97-two-factor-code-en-390.png"), FullPage = true });
        await page.Locator("#Code").FillAsync(await Fixture.CurrentCodeAsync(user));
        await page.Locator("form[data-two-factor-code] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(IsHome);
    }
}
