using System.Net;
using Mamori.Data;
using Mamori.Testing;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Security;

/// <summary>Issue #19, point 2: two-factor sign-in with an authenticator app. Codes are made by the test's own
/// <see cref="AuthenticatorApp"/> from the stored key, on the app's clock (a <see cref="FakeTimeProvider"/> the tests move).</summary>
public sealed class TwoFactorTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    private static MamoriFactory App(FakeTimeProvider clock) =>
        new(TestDatabases.Sqlite) { TestServices = s => s.AddSingleton<TimeProvider>(clock) };

    /// <summary>Posts the password; returns where the app sends the browser next.</summary>
    private static async Task<string> PasswordAsync(AppClient client, ApplicationUser user, string returnUrl = "")
    {
        var response = await client.SubmitAsync("/Account/Login" + (returnUrl.Length > 0 ? "?ReturnUrl=" + Uri.EscapeDataString(returnUrl) : ""),
            new() { ["Input.UserName"] = user.UserName!, ["Input.Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static Task<HttpResponseMessage> CodeAsync(AppClient client, string twoFactorUrl, string code, bool remember = false)
    {
        var fields = new Dictionary<string, string> { ["Code"] = code };
        if (remember)
        {
            fields["RememberDevice"] = "true";
        }
        return client.SubmitAsync(twoFactorUrl, fields, "form[data-two-factor-code]");
    }

    private static async Task<string> KeyAsync(MamoriFactory app, ApplicationUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id))!))!;
    }

    private static Task<ApplicationUser> ReloadAsync(MamoriFactory app, ApplicationUser user) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));

    private static async Task<bool> SignedInAsync(AppClient client) => (await client.GetAsync("/Account/Manage")).StatusCode == HttpStatusCode.OK;

    private static async Task LogoutAsync(AppClient client) =>
        await AppClient.AssertRedirectAsync(await client.SubmitAsync("/Account/Manage", [], "form[action*='/Account/Logout']"));

    [Fact]
    public async Task Staff_without_a_second_factor_set_one_up_at_first_sign_in_before_any_page_opens()
    {
        var clock = Clock();
        await using var app = App(clock);
        var coordinator = await app.UserAsync(Roles.Coordinator, secondFactor: false);
        using var client = app.NewClient();

        var next = await PasswordAsync(client, coordinator, "/Engagements");
        Assert.StartsWith("/Account/TwoFactorSetup?", next, StringComparison.Ordinal);
        // The verified password alone opens nothing.
        var blocked = await client.GetAsync("/Engagements");
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.StartsWith("/Account/Login", blocked.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var setup = await client.GetDocumentAsync(next);
        Assert.NotNull(setup.QuerySelector(".qr-code svg"));
        var key = setup.QuerySelector("[data-authenticator-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(32, key.Length); // 160 bits in Base32

        // A wrong code stores nothing and names the field.
        var wrong = AuthenticatorApp.CodeAt(key, clock.GetUtcNow().AddMinutes(10));
        var refused = await client.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)setup.QuerySelector("main form[method=post]")!, new() { ["Code"] = wrong });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("確認コードが正しくありません", (await AppClient.ParseAsync(refused)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.False((await ReloadAsync(app, coordinator)).TwoFactorEnabled);

        // The same key is kept on the redisplayed form, so the app already set up still works.
        var again = await AppClient.ParseAsync(refused);
        Assert.Equal(Totp.Grouped(key), again.QuerySelector("[data-authenticator-key]")!.TextContent);
        var done = await client.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)again.QuerySelector("main form[method=post]")!,
            new() { ["Code"] = AuthenticatorApp.CodeAt(key, clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var page = await AppClient.ParseAsync(done);
        var codes = page.QuerySelectorAll("[data-recovery-codes] li code").Select(c => c.TextContent).ToList();
        Assert.Equal(TwoFactorSettings.RecoveryCodeCount, codes.Distinct().Count());
        Assert.Equal("/Engagements", page.QuerySelector("[data-recovery-codes] a.btn-primary")!.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Engagements")).StatusCode);
        var stored = await ReloadAsync(app, coordinator);
        Assert.True(stored.TwoFactorEnabled);
        Assert.Equal(key, await KeyAsync(app, coordinator));
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == coordinator.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.TwoFactorEnrolled, actions);
        Assert.Contains(AuditActions.Login, actions);
        // No recovery code, key or code in the audit trail.
        var details = await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Changes).ToListAsync());
        Assert.DoesNotContain(details, d => d.Contains(key, StringComparison.Ordinal) || codes.Any(c => d.Contains(c, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_password_alone_opens_no_staff_session_and_wrong_codes_lock_the_account()
    {
        var clock = Clock();
        await using var app = App(clock);
        var expert = await app.UserAsync(Roles.Expert);
        var key = await KeyAsync(app, expert);
        using var client = app.NewClient();

        var next = await PasswordAsync(client, expert);
        Assert.StartsWith("/Account/TwoFactor?", next, StringComparison.Ordinal);
        Assert.False(await SignedInAsync(client));

        var wrong = AuthenticatorApp.CodeAt(key, clock.GetUtcNow().AddMinutes(5));
        for (var i = 0; i < 4; i++)
        {
            var answer = await CodeAsync(client, next, wrong);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("確認コードが正しくありません", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var fifth = await CodeAsync(client, next, wrong);
        Assert.Contains("ロックされました", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Locked: even the right code is refused now.
        var right = await CodeAsync(client, next, AuthenticatorApp.CodeAt(key, clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(await SignedInAsync(client));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.LockedOut && a.EntityId == expert.Id)));
    }

    [Fact]
    public async Task A_code_is_accepted_once_and_only_near_its_time()
    {
        var clock = Clock();
        await using var app = App(clock);
        var expert = await app.UserAsync(Roles.Expert);
        var key = await KeyAsync(app, expert);
        var code = AuthenticatorApp.CodeAt(key, clock.GetUtcNow());

        using var first = app.NewClient();
        await AppClient.AssertRedirectAsync(await CodeAsync(first, await PasswordAsync(first, expert), code));
        Assert.True(await SignedInAsync(first));

        // Someone who saw the code over the shoulder, with the password, a few seconds later: refused.
        using var second = app.NewClient();
        var next = await PasswordAsync(second, expert);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await CodeAsync(second, next, code)).StatusCode);
        Assert.False(await SignedInAsync(second));

        // A code two steps old (more than the accepted drift) is refused; the current one works.
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(HttpStatusCode.OK, (await CodeAsync(second, next, AuthenticatorApp.CodeAt(key, clock.GetUtcNow().AddSeconds(-60)))).StatusCode);
        await AppClient.AssertRedirectAsync(await CodeAsync(second, next, AuthenticatorApp.CodeAt(key, clock.GetUtcNow())));
        Assert.True(await SignedInAsync(second));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var clock = Clock();
        await using var app = App(clock);
        var coordinator = await app.UserAsync(Roles.Coordinator);
        IReadOnlyList<string> codes;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            codes = await scope.ServiceProvider.GetRequiredService<TwoFactorAccounts>().RenewRecoveryCodesAsync((await users.FindByIdAsync(coordinator.Id))!);
        }

        using var client = app.NewClient();
        var next = await PasswordAsync(client, coordinator, "/Engagements");
        // Typed in lower case with spaces around: still the code.
        var used = await client.SubmitAsync(next, new() { ["RecoveryCode"] = " " + codes[3].ToLowerInvariant() + " " }, "form[data-recovery-code]");
        Assert.Equal("/Engagements", await AppClient.AssertRedirectAsync(used));
        var home = await client.GetDocumentAsync("/Engagements");
        Assert.Contains("残りは9個", home.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.True(await SignedInAsync(client));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.RecoveryCodeUsed && a.EntityId == coordinator.Id)));

        using var again = app.NewClient();
        var replay = await again.SubmitAsync(await PasswordAsync(again, coordinator), new() { ["RecoveryCode"] = codes[3] }, "form[data-recovery-code]");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("すでに使われています", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await SignedInAsync(again));
    }

    [Fact]
    public async Task A_remembered_device_skips_the_code_after_signing_out_for_fourteen_days_and_a_reset_forgets_it()
    {
        var clock = Clock();
        await using var app = App(clock);
        var expert = await app.UserAsync(Roles.Expert);
        var admin = await app.UserAsync(Roles.Administrator);
        var key = await KeyAsync(app, expert);
        using var browser = app.NewClient();

        await AppClient.AssertRedirectAsync(await CodeAsync(browser, await PasswordAsync(browser, expert), AuthenticatorApp.CodeAt(key, clock.GetUtcNow()), remember: true));
        await LogoutAsync(browser);
        clock.Advance(TimeSpan.FromDays(13));
        Assert.Equal("/", await PasswordAsync(browser, expert));
        Assert.True(await SignedInAsync(browser));
        await LogoutAsync(browser);

        // Another browser is not remembered.
        using var other = app.NewClient();
        Assert.StartsWith("/Account/TwoFactor?", await PasswordAsync(other, expert), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.StartsWith("/Account/TwoFactor?", await PasswordAsync(browser, expert), StringComparison.Ordinal);

        // Remembered again, then an administrator resets the factor: the device no longer stands for it.
        await AppClient.AssertRedirectAsync(await CodeAsync(browser, "/Account/TwoFactor?ReturnUrl=%2F", AuthenticatorApp.CodeAt(key, clock.GetUtcNow()), remember: true));
        await LogoutAsync(browser);
        using var adminClient = await app.ClientAsAsync(admin);
        await AppClient.AssertRedirectAsync(await adminClient.SubmitAsync($"/Admin/Users/Edit/{expert.Id}", [], "form[action*='handler=ResetTwoFactor']"));
        Assert.StartsWith("/Account/TwoFactorSetup?", await PasswordAsync(browser, expert), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_reset_is_audited_ends_the_sessions_and_the_account_enrols_again()
    {
        var clock = Clock();
        await using var app = App(clock);
        var expert = await app.UserAsync(Roles.Expert);
        using var expertClient = await app.ClientAsAsync(expert);
        using var adminClient = await app.ClientAsAsync(Roles.Administrator);
        using var coordinatorClient = await app.ClientAsAsync(Roles.Coordinator);

        // Only an administrator: a coordinator cannot open the users page at all.
        Assert.NotEqual(HttpStatusCode.OK, (await coordinatorClient.GetAsync($"/Admin/Users/Edit/{expert.Id}")).StatusCode);
        var page = await adminClient.GetDocumentAsync($"/Admin/Users/Edit/{expert.Id}");
        Assert.Contains("有効", page.QuerySelector("[data-two-factor-status]")!.TextContent, StringComparison.Ordinal);
        await AppClient.AssertRedirectAsync(await adminClient.SubmitAsync($"/Admin/Users/Edit/{expert.Id}", [], "form[action*='handler=ResetTwoFactor']"));

        Assert.False((await ReloadAsync(app, expert)).TwoFactorEnabled);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.TwoFactorReset && a.EntityId == expert.Id));
        Assert.NotEqual(expert.Id, audit.UserId); // the administrator did it
        Assert.False(await SignedInAsync(expertClient));
        using var again = app.NewClient();
        Assert.StartsWith("/Account/TwoFactorSetup?", await PasswordAsync(again, expert), StringComparison.Ordinal);

        // An administrator's own factor is not reset from this page.
        var self = await adminClient.GetDocumentAsync("/Account/Manage");
        Assert.Null(self.QuerySelector("form[action*='handler=DisableTwoFactor']"));
    }

    [Fact]
    public async Task A_staff_session_of_an_account_without_a_second_factor_is_refused()
    {
        var clock = Clock();
        await using var app = App(clock);
        var coordinator = await app.UserAsync(Roles.Coordinator);
        using var client = await app.ClientAsAsync(coordinator);
        Assert.True(await SignedInAsync(client));

        // The factor disappears behind the app's back (a restored backup, an edit in the database), stamp unchanged.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == coordinator.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, false)));
        app.Services.GetRequiredService<SessionRevocation>().Changed(coordinator.Id); // what the cache's minute would do
        Assert.False(await SignedInAsync(client));
    }

    [Fact]
    public async Task A_company_user_may_add_a_second_factor_and_turn_it_off_and_staff_may_not()
    {
        var clock = Clock();
        await using var app = App(clock);
        var company = await app.CompanyAsync();
        var user = await app.UserAsync(Roles.CompanyUser, company.Id);
        using var client = app.NewClient();
        Assert.Equal("/", await PasswordAsync(client, user)); // optional: the password is enough until it is added

        var manage = await client.GetDocumentAsync("/Account/Manage");
        Assert.Contains("未設定", manage.QuerySelector("[data-two-factor]")!.TextContent, StringComparison.Ordinal);
        var setup = await client.GetDocumentAsync("/Account/TwoFactorSetup");
        var key = setup.QuerySelector("[data-authenticator-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var done = await client.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)setup.QuerySelector("main form[method=post]")!,
            new() { ["Code"] = AuthenticatorApp.CodeAt(key, clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(TwoFactorSettings.RecoveryCodeCount, (await AppClient.ParseAsync(done)).QuerySelectorAll("[data-recovery-codes] li").Length);
        Assert.True(await SignedInAsync(client)); // this session goes on

        using var later = app.NewClient();
        Assert.StartsWith("/Account/TwoFactor?", await PasswordAsync(later, user), StringComparison.Ordinal);

        await AppClient.AssertRedirectAsync(await client.SubmitAsync("/Account/Manage", [], "form[action*='handler=DisableTwoFactor']"));
        Assert.False((await ReloadAsync(app, user)).TwoFactorEnabled);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.TwoFactorDisabled && a.EntityId == user.Id)));
        using var after = app.NewClient();
        Assert.Equal("/", await PasswordAsync(after, user));

        // A coordinator has no such button, and posting the handler anyway changes nothing.
        var coordinator = await app.UserAsync(Roles.Coordinator);
        using var staff = await app.ClientAsAsync(coordinator);
        var page = await staff.GetDocumentAsync("/Account/Manage");
        Assert.Null(page.QuerySelector("form[action*='handler=DisableTwoFactor']"));
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action*='handler=RecoveryCodes']")!;
        form.SetAttribute("action", form.GetAttribute("action")!.Replace("RecoveryCodes", "DisableTwoFactor", StringComparison.Ordinal));
        var refused = await staff.PostFormAsync(form, []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("無効にできません", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await ReloadAsync(app, coordinator)).TwoFactorEnabled);
    }

    [Fact]
    public async Task Renewed_recovery_codes_replace_the_old_ones()
    {
        var clock = Clock();
        await using var app = App(clock);
        var expert = await app.UserAsync(Roles.Expert);
        using var client = await app.ClientAsAsync(expert);
        var renewed = await client.SubmitAsync("/Account/Manage", [], "form[action*='handler=RecoveryCodes']");
        var codes = (await AppClient.ParseAsync(renewed)).QuerySelectorAll("[data-recovery-codes] li code").Select(c => c.TextContent).ToList();
        Assert.Equal(TwoFactorSettings.RecoveryCodeCount, codes.Count);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.RecoveryCodesRenewed && a.EntityId == expert.Id)));

        using var other = app.NewClient();
        await AppClient.AssertRedirectAsync(await other.SubmitAsync(await PasswordAsync(other, expert), new() { ["RecoveryCode"] = codes[0] }, "form[data-recovery-code]"));
    }

    [Fact]
    public async Task The_two_factor_pages_send_a_browser_without_a_verified_password_to_the_sign_in()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite);
        using var client = app.NewClient();
        foreach (var page in new[] { "/Account/TwoFactor", "/Account/TwoFactorSetup" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1111111111, "050471")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, string expected)
    {
        // RFC 6238 appendix B, SHA-1, key "12345678901234567890"; the last six of its eight digits.
        var key = "12345678901234567890"u8.ToArray();
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        Assert.Equal(expected, Totp.Code(key, Totp.StepAt(time)));
        Assert.Equal(expected, AuthenticatorApp.CodeAt(Totp.ToBase32(key), time));
        Assert.Equal(Totp.StepAt(time), Totp.MatchingStep(key, expected, time));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData("123 456", "123456")]
    [InlineData("１２３４５６", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("", null)]
    public void Typed_codes_are_read_as_six_digits(string typed, string? expected) => Assert.Equal(expected, Totp.Normalize(typed));

    [Fact]
    public void Keys_round_trip_through_Base32()
    {
        var key = Totp.NewKey();
        Assert.Equal(key, Totp.ToBase32(Totp.FromBase32(key)!));
        Assert.Equal(Totp.FromBase32(key), Totp.FromBase32(Totp.Grouped(key).ToLowerInvariant()));
        Assert.Null(Totp.FromBase32("not base32!"));
    }
}
