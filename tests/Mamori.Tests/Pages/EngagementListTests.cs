using System.Globalization;
using Mamori.Domain;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Mamori.Tests.Pages;

/// <summary>The engagement list's filters, sort orders, paging and scopes, through the page and the export, on
/// both databases (the list's statement is compiled once per sort order and drops the conditions whose value is
/// missing; these tests pin that every combination still means what the form says).</summary>
public class EngagementListTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private sealed record Setup(MamoriFactory App, FiscalYear Year, Engagement A, Engagement B, Engagement C, Expert Lead, Expert Other,
        Company CompanyA, AppClient Coordinator, AppClient LeadExpert, AppClient CompanyB);

    private async Task<Setup> ArrangeAsync(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, "CN", "TH");
        var leadUser = await app.UserAsync(Roles.Expert);
        var lead = await app.ExpertAsync(leadUser.Id);
        var other = await app.ExpertAsync();
        var companyA = await app.CompanyAsync(name: "一覧検索" + TestData.Unique() + "株式会社");
        var companyB = await app.CompanyAsync("TH", null);
        var a = await app.EngagementAsync(year, companyA, lead.Id, other.Id);
        var b = await app.EngagementAsync(year, companyB, other.Id);
        var c = await app.EngagementAsync(year, null);
        foreach (var (id, minutes) in new[] { (a.Id, 600), (b.Id, 120), (c.Id, 900) })
        {
            await app.LogMinutesAsync(id, minutes);
        }
        await app.WithDbAsync(async db =>
        {
            foreach (var (id, status) in new[] { (a.Id, EngagementStatus.Active), (b.Id, EngagementStatus.Active), (c.Id, EngagementStatus.Completed) })
            {
                (await db.Engagements.SingleAsync(x => x.Id == id)).Status = status;
            }
            await db.SaveChangesAsync();
            return 0;
        });
        return new Setup(app, year, a, b, c, lead, other, companyA,
            await app.ClientAsAsync(Roles.Coordinator), await app.ClientAsAsync(leadUser), await app.ClientAsAsync(Roles.CompanyUser, companyB.Id));
    }

    private static async Task<List<string>> NumbersAsync(AppClient client, string url) =>
        [.. (await client.GetDocumentAsync(url)).QuerySelectorAll("main table tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    [Theory, SqliteData, PostgresData]
    public async Task Each_filter_narrows_the_list_and_filters_combine(string provider)
    {
        var s = await ArrangeAsync(provider);
        var y = "/Engagements?year=" + s.Year.StartYear.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(new[] { s.A.Number, s.B.Number, s.C.Number }.Order(StringComparer.Ordinal), await NumbersAsync(s.Coordinator, y));
        Assert.Equal([s.B.Number], await NumbersAsync(s.Coordinator, y + "&country=TH"));
        Assert.Equal([s.C.Number], await NumbersAsync(s.Coordinator, y + "&status=Completed"));
        Assert.Equal(new[] { s.A.Number, s.B.Number }.Order(StringComparer.Ordinal), await NumbersAsync(s.Coordinator, y + $"&expert={s.Other.Id}"));
        Assert.Equal([s.A.Number], await NumbersAsync(s.Coordinator, y + $"&expert={s.Lead.Id}"));
        Assert.Empty(await NumbersAsync(s.Coordinator, y + $"&expert={s.Lead.Id}&country=TH"));
        // The name search ignores the legal form and width; a support number matches exactly.
        var token = s.CompanyA.NameJa["一覧検索".Length..^"株式会社".Length];
        Assert.Equal([s.A.Number], await NumbersAsync(s.Coordinator, y + "&q=" + Uri.EscapeDataString("株式会社一覧検索" + token)));
        Assert.Equal([s.B.Number], await NumbersAsync(s.Coordinator, y + "&q=" + Uri.EscapeDataString(" " + s.B.Number + " ")));
        Assert.Empty(await NumbersAsync(s.Coordinator, y + "&q=" + Uri.EscapeDataString(s.B.Number) + "&country=CN"));
        // A year without a program: nothing, not everything.
        Assert.Empty(await NumbersAsync(s.Coordinator, "/Engagements?year=1900&q=" + Uri.EscapeDataString(s.B.Number)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Sort_orders_end_on_the_number_and_the_lead_expert_is_named_first(string provider)
    {
        var s = await ArrangeAsync(provider);
        var y = "/Engagements?year=" + s.Year.StartYear.ToString(CultureInfo.InvariantCulture);
        Assert.Equal([s.C.Number, s.A.Number, s.B.Number], await NumbersAsync(s.Coordinator, y + "&sort=-hours"));
        Assert.Equal([s.B.Number, s.A.Number, s.C.Number], await NumbersAsync(s.Coordinator, y + "&sort=hours"));
        Assert.Equal(new[] { s.A.Number, s.B.Number, s.C.Number }.OrderDescending(StringComparer.Ordinal), await NumbersAsync(s.Coordinator, y + "&sort=-number"));
        var byStatus = await NumbersAsync(s.Coordinator, y + "&sort=status");
        Assert.Equal(s.C.Number, byStatus[^1]);
        Assert.Equal(await NumbersAsync(s.Coordinator, y), await NumbersAsync(s.Coordinator, y + "&sort=unknown"));
        var row = (await s.Coordinator.GetDocumentAsync(y + "&sort=-hours")).QuerySelectorAll("main table tbody tr")
            .Single(tr => tr.TextContent.Contains(s.A.Number, StringComparison.Ordinal));
        Assert.Contains(s.Lead.Name, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("他1名", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("10／23時間", row.TextContent, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Scopes_hold_whatever_the_filters_ask_for(string provider)
    {
        var s = await ArrangeAsync(provider);
        var y = "/Engagements?year=" + s.Year.StartYear.ToString(CultureInfo.InvariantCulture);
        Assert.Equal([s.A.Number], await NumbersAsync(s.LeadExpert, "/Engagements"));
        // An expert's unfiltered total is counted from the assignments; a filtered one from the filter.
        Assert.Contains("全1件中", (await s.LeadExpert.GetDocumentAsync("/Engagements")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("全1件中", (await s.LeadExpert.GetDocumentAsync(y)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var otherUser = await s.App.UserAsync(Roles.Expert);
        await s.App.WithDbAsync(async db =>
        {
            (await db.Experts.SingleAsync(x => x.Id == s.Other.Id)).UserId = otherUser.Id;
            return await db.SaveChangesAsync();
        });
        var other = await s.App.ClientAsAsync(otherUser);
        Assert.Equal(new[] { s.A.Number, s.B.Number }.Order(StringComparer.Ordinal), await NumbersAsync(other, "/Engagements"));
        async Task<string> TotalAsync(string url) => (await other.GetDocumentAsync(url)).QuerySelector("main")!.TextContent;
        Assert.Contains("全2件中", await TotalAsync("/Engagements"), StringComparison.Ordinal);
        // Any filter makes the total come from the filter, not from the assignments.
        await s.App.WithDbAsync(async db =>
        {
            (await db.Engagements.SingleAsync(x => x.Id == s.B.Id)).Status = EngagementStatus.Completed;
            return await db.SaveChangesAsync();
        });
        Assert.Contains("全1件中", await TotalAsync(y + "&country=TH"), StringComparison.Ordinal);
        Assert.Contains("全1件中", await TotalAsync("/Engagements?status=Completed"), StringComparison.Ordinal);
        Assert.Contains("全1件中", await TotalAsync($"/Engagements?expert={s.Lead.Id}"), StringComparison.Ordinal);
        Assert.Contains("全1件中", await TotalAsync("/Engagements?q=" + Uri.EscapeDataString(s.A.Number)), StringComparison.Ordinal);
        Assert.Contains("全2件中", await TotalAsync(y + "&sort=-start"), StringComparison.Ordinal);
        Assert.Contains("全0件中", await TotalAsync("/Engagements?year=1900"), StringComparison.Ordinal);
        Assert.Equal([s.A.Number], await NumbersAsync(s.LeadExpert, y + $"&expert={s.Other.Id}&sort=-hours"));
        Assert.Empty(await NumbersAsync(s.LeadExpert, y + "&q=" + Uri.EscapeDataString(s.B.Number)));
        Assert.Equal([s.B.Number], await NumbersAsync(s.CompanyB, "/Engagements"));
        Assert.Equal([s.B.Number], await NumbersAsync(s.CompanyB, y + "&status=Completed&sort=hours"));
        // The export applies the same filter and scope.
        using var export = await (await s.Coordinator.GetAsync(y + "&country=TH&handler=Export")).Content.ReadAsStreamAsync();
        var rows = export.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(s.B.Number, Assert.Single(rows)["支援番号"]);
        Assert.Equal(s.Other.Name, rows[0]["専門家"]);
        using var expertExport = await (await s.LeadExpert.GetAsync("/Engagements?handler=Export&sort=-hours")).Content.ReadAsStreamAsync();
        var expertRows = expertExport.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(s.A.Number, Assert.Single(expertRows)["支援番号"]);
        Assert.Equal($"{s.Lead.Name}、{s.Other.Name}", expertRows[0]["専門家"]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task One_experts_list_is_paged_in_number_order_for_the_expert_and_for_staff(string provider)
    {
        // This list is read page by page from the assignment index in number order (ADR 0011): more than a page,
        // both directions, the last page, the total, and each row's own company and expert.
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, "CN");
        var user = await app.UserAsync(Roles.Expert);
        var expert = await app.ExpertAsync(user.Id);
        var other = await app.ExpertAsync();
        var size = PageInfo.DefaultSize;
        var numbers = new List<string>();
        var companies = new Dictionary<string, string>();
        var leads = new Dictionary<string, string>();
        for (var i = 0; i < size + 2; i++)
        {
            var company = await app.CompanyAsync();
            var e = await app.EngagementAsync(year, company, i % 3 == 0 ? [other.Id, expert.Id] : [expert.Id]);
            numbers.Add(e.Number);
            companies[e.Number] = company.NameJa;
            leads[e.Number] = i % 3 == 0 ? other.Name : expert.Name;
            await app.EngagementAsync(year, null, other.Id);
        }
        numbers.Sort(StringComparer.Ordinal);
        var descending = numbers.AsEnumerable().Reverse().ToList();
        var own = await app.ClientAsAsync(user);
        var coordinator = await app.ClientAsAsync(Roles.Coordinator);
        var byExpert = $"/Engagements?expert={expert.Id}";
        foreach (var (client, url) in new[] { (own, "/Engagements?"), (coordinator, byExpert + "&") })
        {
            Assert.Equal(numbers[..size], await NumbersAsync(client, url + "p=1"));
            Assert.Equal(numbers[size..], await NumbersAsync(client, url + "p=2"));
            Assert.Equal(numbers[size..], await NumbersAsync(client, url + "p=7"));
            Assert.Equal(descending[..size], await NumbersAsync(client, url + "sort=-number"));
            Assert.Equal(descending[size..], await NumbersAsync(client, url + "sort=-number&p=2"));
            var page = await client.GetDocumentAsync(url + "p=2");
            Assert.Contains($"全{size + 2}件中", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            foreach (var row in page.QuerySelectorAll("main table tbody tr"))
            {
                var number = row.QuerySelector("td")!.TextContent.Trim();
                Assert.Contains(companies[number], row.TextContent, StringComparison.Ordinal);
                Assert.Contains(leads[number], row.TextContent, StringComparison.Ordinal);
                Assert.Equal(leads[number] == other.Name, row.TextContent.Contains("他1名", StringComparison.Ordinal));
            }
        }
        // Another sort order takes the general statement and still shows only this expert's engagements.
        Assert.Equal(numbers[..size], await NumbersAsync(own, "/Engagements?sort=status"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_assignment_carries_its_engagements_number_and_the_database_refuses_another(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync(23, "CN");
        var expert = await app.ExpertAsync();
        var second = await app.ExpertAsync();
        var e = await app.EngagementAsync(year, null, expert.Id);
        Assert.Equal(e.Number, await app.WithDbAsync(db => db.EngagementExperts.Where(x => x.EngagementId == e.Id).Select(x => x.EngagementNumber).SingleAsync()));
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(db =>
        {
            db.EngagementExperts.Add(new EngagementExpert { EngagementId = e.Id, EngagementNumber = "X" + e.Number[1..], ExpertId = second.Id });
            return db.SaveChangesAsync();
        }));
        // The number is a key once saved: changing it is refused before anything reaches the database.
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            (await db.Engagements.SingleAsync(x => x.Id == e.Id)).Number = "X" + e.Number[1..];
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(1, await app.WithDbAsync(db => db.EngagementExperts.CountAsync(x => x.EngagementId == e.Id)));
    }

    [Theory, SqliteData]
    public async Task A_page_past_the_end_shows_the_last_page(string provider)
    {
        var s = await ArrangeAsync(provider);
        var y = "/Engagements?year=" + s.Year.StartYear.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(await NumbersAsync(s.Coordinator, y), await NumbersAsync(s.Coordinator, y + "&p=99"));
        Assert.Empty(await NumbersAsync(s.Coordinator, y + "&country=VN&p=3"));
    }
}
