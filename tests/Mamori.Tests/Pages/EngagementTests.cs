using System.Net;
using System.Net.Http.Headers;
using Mamori.Domain;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Mamori.Tests.Pages;

public class EngagementTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private sealed record Setup(MamoriFactory App, FiscalYear Year, Engagement Own, Engagement Foreign, AppClient Expert, AppClient Company, AppClient Coordinator);

    private async Task<Setup> ArrangeAsync(string provider, int allowanceHours = 23)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(allowanceHours);
        var expertUser = await app.UserAsync(Roles.Expert);
        var expert = await app.ExpertAsync(expertUser.Id);
        var other = await app.ExpertAsync();
        var own = await app.EngagementAsync(year, null, expert.Id);
        var foreign = await app.EngagementAsync(year, await app.CompanyAsync(name: "CANARY" + TestData.Unique() + "株式会社"), other.Id);
        return new Setup(app, year, own, foreign,
            await app.ClientAsAsync(expertUser),
            await app.ClientAsAsync(Roles.CompanyUser, own.CompanyId),
            await app.ClientAsAsync(Roles.Coordinator));
    }

    private static Dictionary<string, string> Session(FiscalYear year, string start, string end, string? hours = null, string? reason = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Date"] = $"{year.StartYear}-11-10",
            ["Input.StartTime"] = start,
            ["Input.EndTime"] = end,
            ["Input.TimeZoneId"] = "Asia/Shanghai",
            ["Input.Type"] = "Advice",
            ["Input.Mode"] = "OnSite",
            ["Input.AttendeeCount"] = "3",
            ["Input.AttendeeRoles"] = "総経理、総務部長",
            ["Input.Language"] = "zh",
            ["Input.Summary"] = "秘密保持契約の見直しを助言",
        };
        if (hours is not null)
        {
            form["Input.Hours"] = hours;
        }
        if (reason is not null)
        {
            form["Input.OverrideReason"] = reason;
        }
        return form;
    }

    [Theory, SqliteData, PostgresData]
    public async Task Expert_logs_sessions_until_the_warning_and_is_refused_past_the_allowance(string provider)
    {
        var s = await ArrangeAsync(provider, allowanceHours: 10);
        var url = $"/Engagements/Sessions/Edit/{s.Own.Id}";
        await AppClient.AssertRedirectAsync(await s.Expert.SubmitAsync(url, Session(s.Year, "09:00", "13:00")));
        Assert.Equal("ok", (await s.Expert.GetDocumentAsync($"/Engagements/Details/{s.Own.Id}")).QuerySelector("[data-allowance-state]")!.GetAttribute("data-allowance-state")!.ToLowerInvariant());

        var warn = await s.Expert.SubmitAsync(url, Session(s.Year, "13:00", "17:00"));
        await AppClient.AssertRedirectAsync(warn);
        var details = await s.Expert.GetDocumentAsync($"/Engagements/Details/{s.Own.Id}");
        Assert.Equal("Warning", details.QuerySelector("[data-allowance-state]")!.GetAttribute("data-allowance-state"));
        Assert.Contains("80%", details.QuerySelector("[data-allowance-state]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("80%", details.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);

        var refused = await s.Expert.SubmitAsync(url, Session(s.Year, "17:00", "20:00"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("支援時間枠", (await AppClient.ParseAsync(refused)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(8 * 60, await s.App.WithDbAsync(db => db.Engagements.Where(e => e.Id == s.Own.Id).Select(e => e.UsedMinutes).SingleAsync()));
        Assert.Equal(2, await s.App.WithDbAsync(db => db.Sessions.CountAsync(x => x.EngagementId == s.Own.Id)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Coordinator_can_go_past_the_allowance_only_with_a_reason(string provider)
    {
        var s = await ArrangeAsync(provider, allowanceHours: 2);
        var url = $"/Engagements/Sessions/Edit/{s.Own.Id}";
        var noReason = await s.Coordinator.SubmitAsync(url, Session(s.Year, "09:00", "12:00"));
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        await AppClient.AssertRedirectAsync(await s.Coordinator.SubmitAsync(url, Session(s.Year, "09:00", "12:00", reason: "追加研修を事務局長が承認")));
        var stored = await s.App.WithDbAsync(db => db.Sessions.SingleAsync(x => x.EngagementId == s.Own.Id));
        Assert.Equal("追加研修を事務局長が承認", stored.OverrideReason);
        Assert.Equal(180, stored.Minutes);
        Assert.Equal(new DateTimeOffset(s.Year.StartYear, 11, 10, 1, 0, 0, TimeSpan.Zero), stored.StartsAtUtc);
        var details = await s.Coordinator.GetDocumentAsync($"/Engagements/Details/{s.Own.Id}");
        Assert.Equal("Over", details.QuerySelector("[data-allowance-state]")!.GetAttribute("data-allowance-state"));
    }

    [Theory, SqliteData]
    public async Task An_expert_cannot_override_even_by_posting_the_field(string provider)
    {
        var s = await ArrangeAsync(provider, allowanceHours: 1);
        var response = await s.Expert.SubmitAsync($"/Engagements/Sessions/Edit/{s.Own.Id}", Session(s.Year, "09:00", "12:00", reason: "自分で承認"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("事務局だけ", (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await s.App.WithDbAsync(db => db.Sessions.CountAsync(x => x.EngagementId == s.Own.Id)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Editing_and_deleting_a_session_keeps_the_hours_in_step(string provider)
    {
        var s = await ArrangeAsync(provider);
        var url = $"/Engagements/Sessions/Edit/{s.Own.Id}";
        await AppClient.AssertRedirectAsync(await s.Expert.SubmitAsync(url, Session(s.Year, "09:00", "12:00")));
        var sessionId = await s.App.WithDbAsync(db => db.Sessions.Where(x => x.EngagementId == s.Own.Id).Select(x => x.Id).SingleAsync());
        await AppClient.AssertRedirectAsync(await s.Expert.SubmitAsync($"{url}/{sessionId}", new() { ["Input.Hours"] = "1.5" }));
        Assert.Equal(90, await s.App.WithDbAsync(db => db.Engagements.Where(e => e.Id == s.Own.Id).Select(e => e.UsedMinutes).SingleAsync()));
        await AppClient.AssertRedirectAsync(await s.Expert.SubmitAsync($"{url}/{sessionId}", [], "form[action*='handler=Delete']"));
        Assert.Equal(0, await s.App.WithDbAsync(db => db.Engagements.Where(e => e.Id == s.Own.Id).Select(e => e.UsedMinutes).SingleAsync()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_expert_posting_to_another_experts_engagement_gets_404_and_nothing_is_written(string provider)
    {
        var s = await ArrangeAsync(provider);
        // A valid antiforgery token of the expert's own session, aimed at the foreign engagement.
        var form = (await s.Expert.GetDocumentAsync($"/Engagements/Sessions/Edit/{s.Own.Id}")).QuerySelector("main form") as AngleSharp.Html.Dom.IHtmlFormElement;
        form!.SetAttribute("action", $"/Engagements/Sessions/Edit/{s.Foreign.Id}");
        var response = await s.Expert.PostFormAsync(form, Session(s.Year, "09:00", "10:00"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("CANARY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await s.App.WithDbAsync(db => db.Sessions.CountAsync(x => x.EngagementId == s.Foreign.Id)));
        Assert.True(await s.App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "denied" && a.EntityId == s.Foreign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Expert.GetAsync($"/Engagements/Details/{s.Foreign.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Company.GetAsync($"/Engagements/Details/{s.Foreign.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Company.GetAsync($"/Engagements/Details/{s.Foreign.Id + 100000}")).StatusCode);
    }

    [Theory, SqliteData]
    public async Task A_company_user_sees_progress_but_cannot_log_sessions(string provider)
    {
        var s = await ArrangeAsync(provider);
        await AppClient.AssertRedirectAsync(await s.Expert.SubmitAsync($"/Engagements/Sessions/Edit/{s.Own.Id}", Session(s.Year, "09:00", "11:00")));
        var home = await s.Company.GetDocumentAsync("/");
        var card = Assert.Single(home.QuerySelectorAll("[data-engagement-card]"));
        Assert.Contains("2／23時間", card.TextContent, StringComparison.Ordinal);
        var form = (await s.Expert.GetDocumentAsync($"/Engagements/Sessions/Edit/{s.Own.Id}")).QuerySelector("main form") as AngleSharp.Html.Dom.IHtmlFormElement;
        // The company user's own token on a page they can open, aimed at the session form.
        var companyForm = (await s.Company.GetDocumentAsync("/")).QuerySelector("form[action='/Culture']") as AngleSharp.Html.Dom.IHtmlFormElement;
        companyForm!.SetAttribute("action", $"/Engagements/Sessions/Edit/{s.Own.Id}");
        var response = await s.Company.PostFormAsync(companyForm, Session(s.Year, "09:00", "10:00"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(120, await s.App.WithDbAsync(db => db.Engagements.Where(e => e.Id == s.Own.Id).Select(e => e.UsedMinutes).SingleAsync()));
        Assert.NotNull(form);
    }

    [Theory, SqliteData]
    public async Task Lists_and_exports_show_only_what_the_user_may_see(string provider)
    {
        var s = await ArrangeAsync(provider);
        var expertList = await s.Expert.GetDocumentAsync("/Engagements");
        Assert.Contains(s.Own.Number, expertList.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Foreign.Number, expertList.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var export = await (await s.Company.GetAsync("/Engagements?handler=Export")).Content.ReadAsStreamAsync();
        var rows = export.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(s.Own.Number, Assert.Single(rows)["支援番号"]);
        var coordinatorList = await s.Coordinator.GetDocumentAsync($"/Engagements?year={s.Year.StartYear}");
        Assert.Contains(s.Foreign.Number, coordinatorList.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, SqliteData]
    public async Task Session_time_in_another_zone_and_outside_the_fiscal_year_are_checked(string provider)
    {
        var s = await ArrangeAsync(provider);
        var outside = Session(s.Year, "09:00", "10:00");
        outside["Input.Date"] = $"{s.Year.StartYear + 1}-04-01";
        var response = await s.Expert.SubmitAsync($"/Engagements/Sessions/Edit/{s.Own.Id}", outside);
        Assert.Contains("日付", (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        var reversed = await s.Expert.SubmitAsync($"/Engagements/Sessions/Edit/{s.Own.Id}", Session(s.Year, "12:00", "10:00"));
        Assert.Contains("終了時刻", (await AppClient.ParseAsync(reversed)).QuerySelector("[data-form-errors]")!.TextContent, StringComparison.Ordinal);
        var kolkata = Session(s.Year, "09:30", "11:00");
        kolkata["Input.TimeZoneId"] = "Asia/Kolkata";
        await AppClient.AssertRedirectAsync(await s.Expert.SubmitAsync($"/Engagements/Sessions/Edit/{s.Own.Id}", kolkata));
        var stored = await s.App.WithDbAsync(db => db.Sessions.SingleAsync(x => x.EngagementId == s.Own.Id));
        Assert.Equal(new DateTimeOffset(s.Year.StartYear, 11, 10, 4, 0, 0, TimeSpan.Zero), stored.StartsAtUtc);
        Assert.Equal(new TimeOnly(9, 30), stored.StartTime);
        Assert.Equal(90, stored.Minutes);
    }

    private static MultipartFormDataContent Upload(AngleSharp.Dom.IDocument page, byte[] content, string fileName, Dictionary<string, string> fields)
    {
        var form = new MultipartFormDataContent();
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        form.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (k, v) in fields)
        {
            foreach (var part in v.Split('\u001F'))
            {
                form.Add(new StringContent(part), k);
            }
        }
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Upload", fileName);
        return form;
    }

    [Theory, SqliteData, PostgresData]
    public async Task Deliverables_are_versioned_hashed_and_downloaded_as_attachments(string provider)
    {
        var s = await ArrangeAsync(provider);
        var url = $"/Engagements/Deliverables/Upload/{s.Own.Id}";
        var pdf = "%PDF-1.7\n秘密保持契約書 改正案 v1"u8.ToArray();
        var page = await s.Expert.GetDocumentAsync(url);
        var first = await s.Expert.Http.PostAsync(url, Upload(page, pdf, "../../保密协议_改正案.pdf", new()
        {
            ["Input.Title"] = "秘密保持契約書（改正案）", ["Input.Kind"] = "ContractDraft", ["Input.Languages"] = AppClient.Many("ja", "zh"), ["Input.PrevailingLanguage"] = "zh",
        }));
        await AppClient.AssertRedirectAsync(first);
        var deliverable = await s.App.WithDbAsync(db => db.Deliverables.Include(d => d.Versions).SingleAsync(d => d.EngagementId == s.Own.Id));
        Assert.Equal("zh", deliverable.PrevailingLanguage);
        var v1 = Assert.Single(deliverable.Versions);
        Assert.Equal("保密协议_改正案.pdf", v1.FileName);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(pdf)).ToLowerInvariant(), v1.Sha256);

        var pdf2 = "%PDF-1.7\nv2"u8.ToArray();
        var page2 = await s.Expert.GetDocumentAsync($"{url}/{deliverable.Id}");
        await AppClient.AssertRedirectAsync(await s.Expert.Http.PostAsync($"{url}/{deliverable.Id}", Upload(page2, pdf2, "nda-v2.pdf", new() { ["Input.Note"] = "先方コメント反映" })));
        var versions = await s.App.WithDbAsync(db => db.DeliverableVersions.Where(v => v.DeliverableId == deliverable.Id).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));

        var download = await s.Company.GetAsync($"/Engagements/Deliverables/Download/{versions[1].Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf2, await download.Content.ReadAsByteArrayAsync());
        Assert.True(await s.App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "download" && a.EntityId == versions[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var foreignVersion = (await s.App.SessionAndDeliverableAsync(s.Foreign.Id)).Version;
        Assert.Equal(HttpStatusCode.NotFound, (await s.Expert.GetAsync($"/Engagements/Deliverables/Download/{foreignVersion}")).StatusCode);
    }

    [Theory, SqliteData]
    public async Task Wrong_type_disguised_files_missing_prevailing_language_and_oversize_files_are_refused(string provider)
    {
        var s = await ArrangeAsync(provider);
        var url = $"/Engagements/Deliverables/Upload/{s.Own.Id}";
        var fields = new Dictionary<string, string> { ["Input.Title"] = "資料", ["Input.Kind"] = "Other", ["Input.Languages"] = "ja" };
        async Task<string> Errors(byte[] content, string name, Dictionary<string, string>? f = null)
        {
            var page = await s.Expert.GetDocumentAsync(url);
            var response = await s.Expert.Http.PostAsync(url, Upload(page, content, name, f ?? fields));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await AppClient.ParseAsync(response)).QuerySelector("[data-form-errors]")!.TextContent;
        }
        Assert.Contains("アップロードできません", await Errors("<html><script>alert(1)</script>"u8.ToArray(), "evil.html"), StringComparison.Ordinal);
        Assert.Contains("一致しません", await Errors("<html><script>alert(1)</script>"u8.ToArray(), "looks-like.pdf"), StringComparison.Ordinal);
        Assert.Contains("大きすぎます", await Errors([.. "%PDF-"u8, .. new byte[20 * 1024 * 1024]], "big.pdf"), StringComparison.Ordinal);
        Assert.Contains("優先", await Errors("%PDF-1.4"u8.ToArray(), "two.pdf", new() { ["Input.Title"] = "二言語", ["Input.Kind"] = "ContractDraft", ["Input.Languages"] = AppClient.Many("ja", "th") }), StringComparison.Ordinal);
        Assert.Equal(0, await s.App.WithDbAsync(db => db.Deliverables.CountAsync(d => d.EngagementId == s.Own.Id)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Two_experts_logging_at_once_cannot_both_take_the_last_hours(string provider)
    {
        var s = await ArrangeAsync(provider, allowanceHours: 3);
        var secondUser = await s.App.UserAsync(Roles.Expert);
        var second = await s.App.ExpertAsync(secondUser.Id);
        await s.App.WithDbAsync(async db =>
        {
            db.EngagementExperts.Add(new EngagementExpert { EngagementId = s.Own.Id, EngagementNumber = s.Own.Number, ExpertId = second.Id });
            await db.SaveChangesAsync();
        });
        using var secondClient = await s.App.ClientAsAsync(secondUser);
        var url = $"/Engagements/Sessions/Edit/{s.Own.Id}";
        var formA = (await s.Expert.GetDocumentAsync(url)).QuerySelector("main form") as AngleSharp.Html.Dom.IHtmlFormElement;
        var formB = (await secondClient.GetDocumentAsync(url)).QuerySelector("main form") as AngleSharp.Html.Dom.IHtmlFormElement;
        var results = await Task.WhenAll(
            s.Expert.PostFormAsync(formA!, Session(s.Year, "09:00", "11:00")),
            secondClient.PostFormAsync(formB!, Session(s.Year, "13:00", "15:00")));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(120, await s.App.WithDbAsync(db => db.Engagements.Where(e => e.Id == s.Own.Id).Select(e => e.UsedMinutes).SingleAsync()));
        Assert.Equal(120, await s.App.WithDbAsync(db => db.Sessions.Where(x => x.EngagementId == s.Own.Id).SumAsync(x => x.Minutes)));
    }
}
