using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Mamori.Domain;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Mamori.Tests.Pages;

/// <summary>The three ways of answering a diagnosis over HTTP, with their access rules and bad input.</summary>
public class DiagnosisTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Answers every question on a diagnosis form: scale items with <paramref name="scale"/>, the first
    /// option of choices, 60 for numbers, a text for free text.</summary>
    private static Dictionary<string, string> AnswerAll(IHtmlFormElement form, string scale = "yes")
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name^='a['], textarea[name^='a[']"))
        {
            var name = input.GetAttribute("name")!;
            if (fields.ContainsKey(name))
            {
                continue;
            }
            fields[name] = input.GetAttribute("type") switch
            {
                "radio" when form.QuerySelector($"input[name='{name}'][value='{scale}']") is not null => scale,
                "radio" => input.GetAttribute("value")!,
                "number" => "60",
                _ => "設計図面と顧客台帳",
            };
        }
        return fields;
    }

    private static async Task<HttpResponseMessage> PostAsync(AppClient client, string pageUrl, Dictionary<string, string> fields, string? action = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = (IHtmlFormElement)page.QuerySelector("form.dx-form")!;
        if (action is not null)
        {
            form.Action = action;
        }
        return await client.PostFormAsync(form, fields);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Anonymous_self_check_gives_a_result_a_valid_docx_and_an_xlsx(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var client = app.NewClient();
        var url = "/SelfCheck/Answer?c=TH&n_TH=25";
        var page = await client.GetDocumentAsync(url);
        var form = (IHtmlFormElement)page.QuerySelector("form.dx-form")!;
        // Country items appear only for the chosen base: Thai ones yes, Chinese ones no.
        Assert.NotEmpty(page.QuerySelectorAll(".dx-item.dx-country"));
        var company = "自己診断" + TestData.Unique();
        var fields = AnswerAll(form, "partly");
        fields["respondentCompany"] = company;
        var location = await AppClient.AssertRedirectAsync(await client.PostFormAsync(form, fields));
        Assert.StartsWith("/SelfCheck/Result?t=", location);

        var result = await client.GetDocumentAsync(location);
        var score = int.Parse(result.QuerySelector("[data-testid=total-score]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(score, 40, 64); // "partly" everywhere is about half marks
        Assert.NotNull(result.QuerySelector("svg.radar"));
        Assert.NotEmpty(result.QuerySelectorAll(".dx-gaps li"));
        Assert.Contains("/Apply?selfcheck=", result.QuerySelector("a[href^='/Apply?selfcheck=']")!.GetAttribute("href"));

        var token = location["/SelfCheck/Result?t=".Length..];
        var docx = await client.GetAsync($"/SelfCheck/Result?handler=Docx&t={token}");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("attachment", docx.Content.Headers.ContentDisposition?.DispositionType);
        using (var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync()))
        using (var doc = WordprocessingDocument.Open(stream, false))
        {
            Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc));
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains(company, text);
            Assert.Contains("秘密管理性", text);
            Assert.Contains("2026年版", text);
        }
        var xlsx = await client.GetAsync($"/SelfCheck/Result?handler=Xlsx&t={token}");
        var rows = (await xlsx.Content.ReadAsStreamAsync()).Query(useHeaderRow: true, sheetName: "回答").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(fields.Count(f => f.Key.StartsWith("a[", StringComparison.Ordinal)), rows.Count);

        // A wrong token learns nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/SelfCheck/Result?t=" + TestData.Unique())).StatusCode);
        var stored = await app.WithDbAsync(db => db.Diagnoses.SingleAsync(d => d.RespondentCompany == company));
        Assert.Equal((DiagnosisKind.PublicSelfCheck, score, "TH=25"), (stored.Kind, stored.TotalScore, stored.Scope));
        Assert.NotEqual(token, stored.PublicTokenHash);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Simultaneous_public_submissions_are_all_committed(string provider)
    {
        // The writer groups submissions into shared transactions; each respondent still gets their own result.
        var app = await fixture.GetAsync(provider);
        var marker = "同時" + TestData.Unique();
        var clients = Enumerable.Range(0, 16).Select(_ => app.NewClient()).ToList();
        var forms = await Task.WhenAll(clients.Select(async c => (IHtmlFormElement)(await c.GetDocumentAsync("/SelfCheck/Answer?c=IN")).QuerySelector("form.dx-form")!));
        var responses = await Task.WhenAll(clients.Select((c, i) =>
        {
            var fields = AnswerAll(forms[i], i % 2 == 0 ? "yes" : "no");
            fields["respondentCompany"] = $"{marker}-{i}";
            return c.PostFormAsync(forms[i], fields);
        }));
        var locations = new List<string>();
        foreach (var r in responses)
        {
            locations.Add(await AppClient.AssertRedirectAsync(r));
        }
        Assert.Equal(16, locations.Distinct().Count());
        var stored = await app.WithDbAsync(db => db.Diagnoses.Where(d => d.RespondentCompany.StartsWith(marker)).ToListAsync());
        Assert.Equal(16, stored.Count);
        Assert.All(stored, d => Assert.True(d.Answers.Count > 60));
        var page = await clients[3].GetDocumentAsync(locations[3]);
        Assert.Contains($"{marker}-3", page.QuerySelector("main")!.TextContent);
        clients.ForEach(c => c.Dispose());
    }

    [Theory]
    [InlineData("a[Z-99]", "yes", "Z-99")]
    [InlineData("a[A-01]", "maybe", "A-01")]
    [InlineData("a[D-14]", "150", "D-14")]
    [InlineData("a[J-01]", "yes", "J-01")] // a Chinese item on a Thai-only self-check
    [InlineData("catalogueVersion", "99", "質問票の版")]
    [InlineData("scope", "XX=5", "拠点の国")]
    [InlineData("scope", "CN;TH;VN;ID;IN;MY;PH;SG;KR;TW;US;DE;MX", "拠点の国")]
    [InlineData("a[D-14]", "0000000000000000000000050", "D-14")]
    [InlineData("a[D-14]", "1,0", "D-14")]
    public async Task Bad_public_answers_are_refused_with_a_message_and_nothing_is_saved(string field, string value, string expected)
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        using var client = app.NewClient();
        var before = await app.WithDbAsync(db => db.Diagnoses.CountAsync());
        var response = await PostAsync(client, "/SelfCheck/Answer?c=TH", new Dictionary<string, string> { ["a[A-02]"] = "yes", [field] = value });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(expected, page.QuerySelector("#form-errors")!.TextContent);
        Assert.Equal(before, await app.WithDbAsync(db => db.Diagnoses.CountAsync()));
    }

    [Theory]
    [InlineData("a[A-01]", "maybe", "A-01: Choose an answer from the options.")]
    [InlineData("a[D-14]", "150", "D-14: Enter a number from 0 to 100.")]
    [InlineData("a[Z-99]", "yes", "Item ID “Z-99” is not in the")]
    public async Task Bad_public_answers_are_explained_in_english_in_the_english_ui(string field, string value, string expected)
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/", [], "form[action='/Culture']", "culture", "en")).StatusCode);
        var response = await PostAsync(client, "/SelfCheck/Answer?c=TH", new Dictionary<string, string> { ["a[A-02]"] = "yes", [field] = value });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await AppClient.ParseAsync(response)).QuerySelector("#form-errors")!.TextContent;
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[\u3040-\u30ff]", errors);
    }

    private sealed record Setup(MamoriFactory App, Engagement Own, Engagement Foreign, AppClient Expert, AppClient OtherExpert, AppClient Company, AppClient ForeignCompany);

    private async Task<Setup> ArrangeAsync(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync();
        var expertUser = await app.UserAsync(Roles.Expert);
        var otherUser = await app.UserAsync(Roles.Expert);
        var expert = await app.ExpertAsync(expertUser.Id);
        var other = await app.ExpertAsync(otherUser.Id);
        var own = await app.EngagementAsync(year, null, expert.Id);
        var foreign = await app.EngagementAsync(year, await app.CompanyAsync(name: "CANARY" + TestData.Unique() + "株式会社"), other.Id);
        return new Setup(app, own, foreign, await app.ClientAsAsync(expertUser), await app.ClientAsAsync(otherUser),
            await app.ClientAsAsync(Roles.CompanyUser, own.CompanyId), await app.ClientAsAsync(Roles.CompanyUser, foreign.CompanyId));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Company_self_check_then_expert_hearing_then_plan_then_reassessment(string provider)
    {
        var s = await ArrangeAsync(provider);
        var eid = s.Own.Id;

        // (b) The company answers its own self-check: "no" everywhere, completed.
        var selfPage = await s.Company.GetDocumentAsync($"/Diagnoses/SelfCheck/{eid}");
        var selfFields = AnswerAll((IHtmlFormElement)selfPage.QuerySelector("form.dx-form")!, "no");
        var done = await AppClient.AssertRedirectAsync(await PostAsync(s.Company, $"/Diagnoses/SelfCheck/{eid}", selfFields, $"/Diagnoses/SelfCheck/{eid}?handler=Complete"));
        Assert.StartsWith("/Diagnoses/Details/", done);
        // The expert may view it but not answer it for the company.
        Assert.Contains("/Account/AccessDenied", (await s.Expert.GetAsync($"/Diagnoses/SelfCheck/{eid}")).Headers.Location?.OriginalString);

        // (c) The hearing starts from the company's answers.
        var hearing = await s.Expert.GetDocumentAsync($"/Diagnoses/Hearing/{eid}");
        Assert.Equal("no", hearing.QuerySelector("input[name='a[A-01]'][checked]")!.GetAttribute("value"));
        Assert.Contains("いいえ", hearing.QuerySelector("#q-A-01 .dx-expert")!.TextContent);
        // Partial save: the expert changes two answers and writes a note.
        var partial = await AppClient.AssertRedirectAsync(await PostAsync(s.Expert, $"/Diagnoses/Hearing/{eid}",
            new() { ["a[A-01]"] = "yes", ["a[B-01]"] = "partly", ["note[A-01]"] = "秘密情報一覧を現地で確認" }));
        var hearingId = int.Parse(partial.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var stored = await s.App.WithDbAsync(db => db.Diagnoses.SingleAsync(d => d.Id == hearingId));
        Assert.Equal(DiagnosisStatus.InProgress, stored.Status);
        var a01 = stored.Answers.Single(a => a.ItemKey == "A-01");
        Assert.Equal(("yes", "秘密情報一覧を現地で確認", true), (a01.Value, a01.ExpertNote, a01.ChangedByExpert));
        Assert.False(stored.Answers.Single(a => a.ItemKey == "A-02").ChangedByExpert);

        // Another expert and another company cannot open this hearing: 404 as if it did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await s.OtherExpert.GetAsync($"/Diagnoses/Hearing/{eid}/{hearingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.ForeignCompany.GetAsync($"/Diagnoses/Details/{hearingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Expert.GetAsync($"/Diagnoses/Hearing/{s.Foreign.Id}/{hearingId}")).StatusCode);

        // Complete, then turn the top gaps into plan items.
        await AppClient.AssertRedirectAsync(await PostAsync(s.Expert, $"/Diagnoses/Hearing/{eid}/{hearingId}", [], $"/Diagnoses/Hearing/{eid}/{hearingId}?handler=Complete"));
        await s.App.WithDbAsync(async db =>
        {
            db.InformationAssets.Add(new InformationAsset { ApplicationId = s.Own.ApplicationId!.Value, Order = 1, Name = "金型図面", Category = InformationCategory.Technical, Medium = InformationMedium.Electronic, IsMarked = false });
            await db.SaveChangesAsync();
        });
        var details = await s.Expert.GetDocumentAsync($"/Diagnoses/Details/{hearingId}");
        // The 秘密管理性 check names the company's own information and whether it is marked.
        Assert.Contains("金型図面", details.QuerySelector("[data-assets]")!.TextContent);
        var planForm = (IHtmlFormElement)details.QuerySelector("form[action*='handler=Plan']")!;
        var chosen = planForm.QuerySelectorAll("input[name=items][checked]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(5, chosen.Count);
        await AppClient.AssertRedirectAsync(await s.Expert.PostFormAsync(planForm, []));
        var plan = await s.App.WithDbAsync(db => db.PlanItems.Where(p => p.EngagementId == eid).ToListAsync());
        Assert.Equal(chosen.Order(), plan.Select(p => p.ItemKey).Order());
        Assert.All(plan, p => Assert.Equal(PlanItemStatus.Proposed, p.Status));
        // Unknown gap ids are refused.
        var bad = await s.Expert.PostFormAsync(planForm, new() { ["items"] = "Z-99" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // The company marks one item introduced with evidence; it may not rewrite the measure.
        var item = plan[0];
        var planPage = await s.Company.GetDocumentAsync($"/Engagements/Plan/{eid}");
        var itemForm = (IHtmlFormElement)planPage.QuerySelector($"form[data-plan-item='{item.ItemKey}']")!;
        await AppClient.AssertRedirectAsync(await s.Company.PostFormAsync(itemForm, new() { ["Item.Status"] = "Introduced", ["Item.EvidenceNote"] = "規程を改定し全員に周知", ["Item.Measure"] = "書き換え" }));
        var saved = await s.App.WithDbAsync(db => db.PlanItems.SingleAsync(p => p.Id == item.Id));
        Assert.Equal((PlanItemStatus.Introduced, "規程を改定し全員に周知", item.Measure), (saved.Status, saved.EvidenceNote, saved.Measure));
        Assert.Equal(HttpStatusCode.NotFound, (await s.ForeignCompany.GetAsync($"/Engagements/Plan/{eid}")).StatusCode);

        // The company's home shows the hearing's score, its top gaps and the plan at a glance.
        var home = await s.Company.GetDocumentAsync("/");
        var summary = home.QuerySelector("[data-diagnosis-summary]")!;
        Assert.Contains($"/Diagnoses/Details/{hearingId}", summary.InnerHtml);
        Assert.Equal(3, summary.QuerySelectorAll("li").Length);
        Assert.Contains("導入済み 1件", home.QuerySelector("[data-engagement-card]")!.TextContent);

        // Re-assessment: the second hearing starts from the first and shows what changed.
        var second = await s.Expert.GetDocumentAsync($"/Diagnoses/Hearing/{eid}");
        Assert.Equal("yes", second.QuerySelector("input[name='a[A-01]'][checked]")!.GetAttribute("value"));
        var secondFields = AnswerAll((IHtmlFormElement)second.QuerySelector("form.dx-form")!, "yes");
        var secondDone = await AppClient.AssertRedirectAsync(await PostAsync(s.Expert, $"/Diagnoses/Hearing/{eid}", secondFields, $"/Diagnoses/Hearing/{eid}?handler=Complete"));
        var comparison = await s.Expert.GetDocumentAsync(secondDone);
        Assert.NotEmpty(comparison.QuerySelectorAll("tr.dx-change"));
        Assert.Contains("1件", comparison.QuerySelector("#changes-heading")!.ParentElement!.TextContent); // one plan item closed since
        Assert.InRange(int.Parse(comparison.QuerySelector("[data-testid=total-score]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture), 90, 100);

        // The DOCX of the hearing carries the plan and passes the validator.
        var docx = await s.Expert.GetAsync(secondDone + "?handler=Docx");
        using var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc));
        Assert.Contains(saved.Measure, doc.MainDocumentPart!.Document!.Body!.InnerText);
        Assert.Contains("前回からの変化", doc.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task Tampered_hearing_posts_are_refused_and_nothing_is_saved()
    {
        var s = await ArrangeAsync(TestDatabases.Sqlite);
        var eid = s.Own.Id;
        var location = await AppClient.AssertRedirectAsync(await PostAsync(s.Expert, $"/Diagnoses/Hearing/{eid}", new() { ["a[A-01]"] = "partly" }));
        var id = int.Parse(location.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (field, value) in new[] { ("catalogueVersion", "2"), ("a[Q-01]", "yes"), ("a[A-01]", "<script>"), ("note[A-01]", new string('x', 2001)) })
        {
            var response = await PostAsync(s.Expert, $"/Diagnoses/Hearing/{eid}/{id}", new() { ["a[A-02]"] = "yes", [field] = value });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await AppClient.ParseAsync(response)).QuerySelector("#form-errors"));
        }
        var answers = await s.App.WithDbAsync(db => db.Diagnoses.AsNoTracking().Where(d => d.Id == id).Select(d => d.Answers).SingleAsync());
        Assert.Equal(["A-01"], answers.Select(a => a.ItemKey));

        // Evidence: an oversized file is refused with a message; a proper one is kept and downloads as an attachment.
        var page = await s.Expert.GetDocumentAsync($"/Diagnoses/Hearing/{eid}/{id}");
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<HttpResponseMessage> Upload(byte[] content, string name)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("A-01"), "itemKey" },
            };
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", name);
            return await s.Expert.Http.PostAsync($"/Diagnoses/Hearing/{eid}/{id}?handler=Evidence", form);
        }
        var big = new byte[Mamori.Web.Infrastructure.Uploads.MaxFileBytes + 10];
        "%PDF-"u8.CopyTo(big);
        var refused = await Upload(big, "規程.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("大きすぎます", (await AppClient.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent);
        Assert.Equal(0, await s.App.WithDbAsync(db => db.DiagnosisEvidence.CountAsync(e => e.DiagnosisId == id)));
        await AppClient.AssertRedirectAsync(await Upload("%PDF-1.4 規程"u8.ToArray(), "規程.pdf"));
        var evidence = await s.App.WithDbAsync(db => db.DiagnosisEvidence.SingleAsync(e => e.DiagnosisId == id));
        var download = await s.Company.GetAsync($"/Diagnoses/Hearing/{eid}/{id}?handler=Evidence&fileId={evidence.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.ForeignCompany.GetAsync($"/Diagnoses/Hearing/{eid}/{id}?handler=Evidence&fileId={evidence.Id}")).StatusCode);
    }

    [Fact]
    public async Task Applying_with_a_self_check_result_attaches_it_to_the_application()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        await app.FiscalYearAsync(23, openForApplications: true, "TH");
        using var client = app.NewClient();
        var company = "応募連携" + TestData.Unique();
        var page = await client.GetDocumentAsync("/SelfCheck/Answer?c=TH&n_TH=40");
        var fields = AnswerAll((IHtmlFormElement)page.QuerySelector("form.dx-form")!);
        fields["respondentCompany"] = company;
        var result = await AppClient.AssertRedirectAsync(await client.PostFormAsync((IHtmlFormElement)page.QuerySelector("form.dx-form")!, fields));
        var token = result["/SelfCheck/Result?t=".Length..];
        var apply = await client.GetDocumentAsync("/Apply?selfcheck=" + token);
        Assert.Equal(company, apply.QuerySelector("input[name='Input.CompanyName']")!.GetAttribute("value"));
        Assert.NotNull(apply.QuerySelector("input[name=selfcheck]"));
        var diagnosis = await app.WithDbAsync(db => db.Diagnoses.SingleAsync(d => d.RespondentCompany == company));
        Assert.Null(diagnosis.ApplicationId);
    }
}

public class SelfCheckRetentionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, SqliteData, PostgresData]
    public async Task Old_unattached_public_self_checks_are_deleted_and_attached_ones_kept(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var marker = "保存期間" + TestData.Unique();
        var now = DateTimeOffset.UtcNow;
        await app.WithDbAsync(async db =>
        {
            var version = await db.CatalogueVersions.Select(v => v.Id).FirstAsync();
            Diagnosis Make(string suffix, int ageDays) => new()
            {
                Kind = DiagnosisKind.PublicSelfCheck, Status = DiagnosisStatus.Completed, CatalogueVersionId = version, RespondentCompany = marker + suffix,
                StartedAt = now.AddDays(-ageDays), UpdatedAt = now.AddDays(-ageDays), CompletedAt = now.AddDays(-ageDays), Version = Guid.NewGuid(),
                PublicTokenHash = Mamori.Web.Pages.Diagnoses.DiagnosisAnswers.HashToken(TestData.Unique()),
            };
            db.Diagnoses.AddRange(Make("-old", 91), Make("-recent", 10));
            await db.SaveChangesAsync();
        });
        var removed = await app.WithDbAsync(db => Mamori.Web.Pages.SelfCheck.SelfCheckRetention.PurgeAsync(db, now, 90));
        Assert.True(removed >= 1);
        var left = await app.WithDbAsync(db => db.Diagnoses.Where(d => d.RespondentCompany.StartsWith(marker)).Select(d => d.RespondentCompany).ToListAsync());
        Assert.Equal([marker + "-recent"], left);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Diagnosis" && a.Action == "deleted" && a.Changes.Contains("publicSelfChecks"))));
    }
}
