using System.Net;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Mamori.Tests.Transfer;

/// <summary>Administrators edit the catalogue in Excel: export a version, change it, import it as the next version.</summary>
public class CatalogueWorkbookTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<Dictionary<string, List<Dictionary<string, object?>>>> ExportAsync(AppClient admin, int number)
    {
        var response = await admin.GetAsync($"/Admin/Catalogue?handler=Export&number={number}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var name in stream.GetSheetNames())
        {
            sheets[name] = stream.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()
                .Select(r => new Dictionary<string, object?>(r)).ToList();
        }
        return sheets;
    }

    private static async Task<HttpResponseMessage> ImportAsync(AppClient admin, Dictionary<string, List<Dictionary<string, object?>>> sheets)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets.ToDictionary(s => s.Key, s => (object)s.Value));
        var page = await admin.GetDocumentAsync("/Admin/Catalogue");
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(stream.ToArray()), "Workbook", "catalogue.xlsx" },
        };
        return await admin.Http.PostAsync("/Admin/Catalogue?handler=Import", form);
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_edited_export_becomes_the_next_version_and_old_diagnoses_keep_theirs(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var admin = await app.ClientAsAsync(Roles.Administrator);
        var current = await app.WithDbAsync(db => db.CatalogueVersions.MaxAsync(v => v.Number));
        var sheets = await ExportAsync(admin, current);
        Assert.True(sheets["項目"].Count >= 60);
        var marker = "改訂" + TestData.Unique();
        var a01 = sheets["項目"].Single(r => (string?)r["ID"] == "A-01");
        var oldText = (string)a01["設問"]!;
        a01["設問"] = marker + "：秘密として守る情報を一覧にしていますか。";
        sheets["版"][0]["名称"] = "改訂版 " + marker;
        sheets["版"][0]["変更内容"] = "A-01の表現を修正";

        var location = await AppClient.AssertRedirectAsync(await ImportAsync(admin, sheets));
        Assert.Equal("/Admin/Catalogue", location);
        var created = await app.WithDbAsync(db => db.CatalogueVersions.Include(v => v.Items).SingleAsync(v => v.LabelJa == "改訂版 " + marker));
        Assert.True(created.Number > current);
        Assert.Equal(sheets["項目"].Count, created.Items.Count);
        var old = await app.WithDbAsync(db => db.CatalogueVersions.Include(v => v.Items).SingleAsync(v => v.Number == current));
        Assert.Equal(oldText, old.Items.Single(i => i.Key == "A-01").TextJa);

        // New self-checks use the new version (the "current" version is re-read at most every 30 s: new app instance not needed,
        // the import invalidates the cache of this instance).
        using var client = app.NewClient();
        var page = await client.GetDocumentAsync("/SelfCheck/Answer");
        Assert.Contains(marker, page.QuerySelector("#q-A-01")!.TextContent);
        Assert.Equal(created.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("input[name=catalogueVersion]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_broken_workbook_names_sheet_row_and_column_and_stores_nothing()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        using var admin = await app.ClientAsAsync(Roles.Administrator);
        var before = await app.WithDbAsync(db => db.CatalogueVersions.CountAsync());
        var sheets = await ExportAsync(admin, await app.WithDbAsync(db => db.CatalogueVersions.MaxAsync(v => v.Number)));
        var items = sheets["項目"];
        items[1]["ID"] = items[0]["ID"];           // duplicate id, row 3
        items[2]["重み"] = 9;                       // out of range, row 4
        items[3]["区分"] = "Z";                     // unknown section, row 5
        var choice = items.First(r => (string?)r["形式"] == "choice");
        choice["選択肢"] = "only-one-part";          // unreadable option
        var response = await ImportAsync(admin, sheets);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var rows = page.QuerySelectorAll("[data-import-error-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("項目", StringComparison.Ordinal) && r.Contains("選択肢", StringComparison.Ordinal));
        Assert.Equal(before, await app.WithDbAsync(db => db.CatalogueVersions.CountAsync()));

        choice["選択肢"] = string.Join('\n', ((string)(await ExportAsync(admin, 1))["項目"].First(r => (string?)r["形式"] == "choice")["選択肢"]!).Split('\n'));
        var second = await AppClient.ParseAsync(await ImportAsync(admin, sheets));
        var errors = second.QuerySelectorAll("[data-import-error-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(errors, r => r.Contains('3') && r.Contains("ID", StringComparison.Ordinal) && r.Contains("重複", StringComparison.Ordinal));
        Assert.Contains(errors, r => r.Contains('4') && r.Contains("重み", StringComparison.Ordinal));
        Assert.Contains(errors, r => r.Contains('5') && r.Contains("区分", StringComparison.Ordinal));
        Assert.Equal(before, await app.WithDbAsync(db => db.CatalogueVersions.CountAsync()));

        // Not a workbook at all.
        var token = (await admin.GetDocumentAsync("/Admin/Catalogue")).QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("not a workbook"u8.ToArray()), "Workbook", "x.xlsx" },
        };
        var garbage = await admin.Http.PostAsync("/Admin/Catalogue?handler=Import", form);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.NotNull((await AppClient.ParseAsync(garbage)).QuerySelector("[data-import-error-table]"));
    }
}
