using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Security;

/// <summary>The visibility rule (Security/Visibility.cs): the rows each role sees, and the 404 (audited as a denial)
/// that every page answers for a record outside them, GET and POST with a valid antiforgery token.</summary>
public class VisibilityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static Task<int> DenialsAsync(MamoriFactory app, string entityType, int id) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.Denied && a.EntityType == entityType && a.EntityId == Id(id)));

    private static Task<Diagnosis> DiagnosisAsync(MamoriFactory app, DiagnosisKind kind, int companyId, int? engagementId, int? applicationId) =>
        app.WithDbAsync(async db =>
        {
            var catalogue = await db.CatalogueVersions.OrderByDescending(v => v.Number).FirstAsync();
            var now = DateTimeOffset.UtcNow;
            var d = new Diagnosis
            {
                Kind = kind, Status = DiagnosisStatus.Completed, CatalogueVersionId = catalogue.Id, CompanyId = companyId, EngagementId = engagementId,
                ApplicationId = applicationId, Scope = "CN", StartedAt = now, UpdatedAt = now, CompletedAt = now, Version = Guid.NewGuid(),
            };
            db.Diagnoses.Add(d);
            await db.SaveChangesAsync();
            return d;
        });

    /// <summary>Sends a form post the way a browser would, with the user's own antiforgery token (taken from a page
    /// they may open), so that only the record check can refuse it.</summary>
    private static async Task<HttpResponseMessage> PostAsync(AppClient client, string url, string token) =>
        await client.Http.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

    private static async Task<string> TokenAsync(AppClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    [Theory, SqliteData, PostgresData]
    public async Task An_expert_gets_404_for_another_experts_engagement_on_every_engagement_page(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, "CN");
        var user = await app.UserAsync(Roles.Expert);
        var expert = await app.ExpertAsync(user.Id);
        var other = await app.ExpertAsync();
        var own = await app.EngagementAsync(year, null, expert.Id);
        var foreign = await app.EngagementAsync(year, null, other.Id);
        var (session, _, version) = await app.SessionAndDeliverableAsync(foreign.Id);
        var hearing = await DiagnosisAsync(app, DiagnosisKind.ExpertHearing, foreign.CompanyId, foreign.Id, null);
        using var client = await app.ClientAsAsync(user);
        var token = await TokenAsync(client, $"/Engagements/Details/{own.Id}");
        var f = Id(foreign.Id);

        string[] engagementGets =
        [
            $"/Engagements/Details/{f}", $"/Engagements/Plan/{f}", $"/Engagements/Plan/{f}?handler=Evidence&planId=1",
            $"/Engagements/Sessions/Edit/{f}", $"/Engagements/Sessions/Edit/{f}/{session}", $"/Engagements/Deliverables/Upload/{f}",
            $"/Diagnoses/Hearing/{f}", $"/Diagnoses/Hearing/{f}/{hearing.Id}", $"/Diagnoses/Hearing/{f}/{hearing.Id}?handler=Evidence&fileId=1",
            $"/Diagnoses/SelfCheck/{f}",
        ];
        string[] engagementPosts =
        [
            $"/Engagements/Details/{f}?handler=NextStep", $"/Engagements/Plan/{f}?handler=Add", $"/Engagements/Plan/{f}?handler=Save&planId=1",
            $"/Engagements/Sessions/Edit/{f}", $"/Engagements/Sessions/Edit/{f}/{session}?handler=Delete", $"/Engagements/Deliverables/Upload/{f}",
            $"/Diagnoses/Hearing/{f}", $"/Diagnoses/Hearing/{f}?handler=Complete", $"/Diagnoses/Hearing/{f}/{hearing.Id}?handler=Evidence",
            $"/Diagnoses/SelfCheck/{f}", $"/Diagnoses/SelfCheck/{f}?handler=Complete",
        ];
        var failures = new List<string>();
        foreach (var url in engagementGets)
        {
            var response = await client.GetAsync(url);
            if ((int)response.StatusCode != 404)
            {
                failures.Add($"GET {url}: {(int)response.StatusCode}");
            }
        }
        foreach (var url in engagementPosts)
        {
            var response = await PostAsync(client, url, token);
            if ((int)response.StatusCode != 404)
            {
                failures.Add($"POST {url}: {(int)response.StatusCode}");
            }
        }
        // Pages reached by the id of something inside the engagement.
        foreach (var (method, url) in new[]
        {
            ("GET", $"/Engagements/Deliverables/Download/{version}"), ("GET", $"/Diagnoses/Details/{hearing.Id}"),
            ("GET", $"/Diagnoses/Details/{hearing.Id}?handler=Docx"), ("POST", $"/Diagnoses/Details/{hearing.Id}?handler=Plan"),
        })
        {
            var response = method == "GET" ? await client.GetAsync(url) : await PostAsync(client, url, token);
            if ((int)response.StatusCode != 404)
            {
                failures.Add($"{method} {url}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, "Expected 404:\n" + string.Join("\n", failures));
        // Every one of those requests is on the audit trail as a denial.
        Assert.Equal(engagementGets.Length + engagementPosts.Length, await DenialsAsync(app, "Engagement", foreign.Id));
        Assert.Equal(1, await DenialsAsync(app, "DeliverableVersion", version));
        Assert.Equal(3, await DenialsAsync(app, "Diagnosis", hearing.Id));
        // The same pages open for the expert's own engagement: the 404 is the rule, not a broken page.
        Assert.Equal(200, (int)(await client.GetAsync($"/Engagements/Details/{own.Id}")).StatusCode);
        Assert.Equal(200, (int)(await client.GetAsync($"/Engagements/Sessions/Edit/{own.Id}")).StatusCode);
        Assert.Equal(0, await DenialsAsync(app, "Engagement", own.Id));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_company_user_gets_404_for_another_companys_engagement_company_and_diagnoses(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, "CN");
        var ownCompany = await app.CompanyAsync();
        var foreignCompany = await app.CompanyAsync();
        var own = await app.EngagementAsync(year, ownCompany);
        var foreign = await app.EngagementAsync(year, foreignCompany);
        var hearing = await DiagnosisAsync(app, DiagnosisKind.ExpertHearing, foreignCompany.Id, foreign.Id, null);
        // A self-check sent with the foreign company's application, not yet in its engagement.
        var sentWithApplication = await DiagnosisAsync(app, DiagnosisKind.CompanySelfCheck, foreignCompany.Id, null, foreign.ApplicationId);
        using var client = await app.ClientAsAsync(Roles.CompanyUser, ownCompany.Id);
        var token = await TokenAsync(client, $"/Diagnoses/SelfCheck/{own.Id}");
        var f = Id(foreign.Id);

        var failures = new List<string>();
        foreach (var (method, url) in new[]
        {
            ("GET", $"/Engagements/Details/{f}"), ("GET", $"/Engagements/Plan/{f}"), ("GET", $"/Diagnoses/SelfCheck/{f}"),
            ("POST", $"/Engagements/Plan/{f}?handler=Save&planId=1"), ("POST", $"/Diagnoses/SelfCheck/{f}"), ("POST", $"/Diagnoses/SelfCheck/{f}?handler=Complete"),
            ("GET", $"/Companies/Details/{foreignCompany.Id}"), ("GET", $"/Diagnoses/Details/{hearing.Id}"),
            ("GET", $"/Diagnoses/Details/{sentWithApplication.Id}"), ("GET", $"/Diagnoses/Details/{sentWithApplication.Id}?handler=Xlsx"),
        })
        {
            var response = method == "GET" ? await client.GetAsync(url) : await PostAsync(client, url, token);
            if ((int)response.StatusCode != 404)
            {
                failures.Add($"{method} {url}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, "Expected 404:\n" + string.Join("\n", failures));
        Assert.Equal(6, await DenialsAsync(app, "Engagement", foreign.Id));
        Assert.Equal(1, await DenialsAsync(app, "Company", foreignCompany.Id));
        Assert.Equal(1, await DenialsAsync(app, "Diagnosis", hearing.Id));
        Assert.Equal(2, await DenialsAsync(app, "Diagnosis", sentWithApplication.Id));
        // Applications are the office's pages: a company user is refused every one, their own company's included.
        Assert.Contains("/Account/AccessDenied", (await client.GetAsync($"/Applications/Details/{foreign.ApplicationId}")).Headers.Location?.OriginalString);
        // Their own records open.
        Assert.Equal(200, (int)(await client.GetAsync($"/Engagements/Details/{own.Id}")).StatusCode);
        Assert.Equal(200, (int)(await client.GetAsync($"/Companies/Details/{ownCompany.Id}")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task VisibleTo_gives_each_role_exactly_its_rows(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, "CN");
        var a = await app.ExpertAsync();
        var b = await app.ExpertAsync();
        var x = await app.CompanyAsync();
        var y = await app.CompanyAsync();
        var z = await app.CompanyAsync();
        var e1 = await app.EngagementAsync(year, x, a.Id);
        var e2 = await app.EngagementAsync(year, y, b.Id);
        var e3 = await app.EngagementAsync(year, z, a.Id, b.Id);
        var d1 = await DiagnosisAsync(app, DiagnosisKind.ExpertHearing, x.Id, e1.Id, null);
        var d2 = await DiagnosisAsync(app, DiagnosisKind.ExpertHearing, y.Id, e2.Id, null);
        var s2 = await DiagnosisAsync(app, DiagnosisKind.CompanySelfCheck, y.Id, null, e2.ApplicationId);

        int[] engagements = [e1.Id, e2.Id, e3.Id];
        int[] companies = [x.Id, y.Id, z.Id];
        int[] applications = [e1.ApplicationId!.Value, e2.ApplicationId!.Value, e3.ApplicationId!.Value];
        int[] diagnoses = [d1.Id, d2.Id, s2.Id];
        var cases = new (string Who, AccessScope Scope, int[] Engagements, int[] Companies, int[] Applications, int[] Diagnoses)[]
        {
            ("staff", new AccessScope(true, null, null), engagements, companies, applications, diagnoses),
            ("expert a", new AccessScope(false, a.Id, null), [e1.Id, e3.Id], [], [], [d1.Id]),
            ("expert b", new AccessScope(false, b.Id, null), [e2.Id, e3.Id], [], [], [d2.Id, s2.Id]),
            ("company x", new AccessScope(false, null, x.Id), [e1.Id], [x.Id], [applications[0]], [d1.Id]),
            ("company y", new AccessScope(false, null, y.Id), [e2.Id], [y.Id], [applications[1]], [d2.Id, s2.Id]),
            ("expert a and company y", new AccessScope(false, a.Id, y.Id), [e1.Id, e2.Id, e3.Id], [y.Id], [applications[1]], [d1.Id, d2.Id, s2.Id]),
            ("nobody", AccessScope.None, [], [], [], []),
        };
        foreach (var c in cases)
        {
            var seen = await app.WithDbAsync(async db => (
                E: await db.Engagements.VisibleTo(c.Scope).Where(e => engagements.Contains(e.Id)).Select(e => e.Id).OrderBy(i => i).ToListAsync(),
                C: await db.Companies.VisibleTo(c.Scope).Where(e => companies.Contains(e.Id)).Select(e => e.Id).OrderBy(i => i).ToListAsync(),
                A: await db.Applications.VisibleTo(c.Scope).Where(e => applications.Contains(e.Id)).Select(e => e.Id).OrderBy(i => i).ToListAsync(),
                D: await db.Diagnoses.VisibleTo(c.Scope).Where(e => diagnoses.Contains(e.Id)).Select(e => e.Id).OrderBy(i => i).ToListAsync()));
            Assert.True(c.Engagements.Order().SequenceEqual(seen.E), $"{c.Who}: engagements {string.Join(",", seen.E)}");
            Assert.True(c.Companies.Order().SequenceEqual(seen.C), $"{c.Who}: companies {string.Join(",", seen.C)}");
            Assert.True(c.Applications.Order().SequenceEqual(seen.A), $"{c.Who}: applications {string.Join(",", seen.A)}");
            Assert.True(c.Diagnoses.Order().SequenceEqual(seen.D), $"{c.Who}: diagnoses {string.Join(",", seen.D)}");
        }
    }
}
