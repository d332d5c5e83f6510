using System.Net;
using System.Net.Http.Headers;
using Mamori.Data;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Data;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Mamori.Tests.Transfer;

public class YearWorkbookTests
{
    private static async Task<byte[]> ExportAsync(AppClient client, int year)
    {
        var response = await client.GetAsync($"/DataTransfer?handler=Export&year={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<HttpResponseMessage> ImportAsync(AppClient client, byte[] file, string name = "year.xlsx")
    {
        var page = await client.GetDocumentAsync("/DataTransfer");
        var token = page.QuerySelector("form[action*='handler=Import'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "Workbook", name);
        return await client.Http.PostAsync("/DataTransfer?handler=Import", form);
    }

    private static Dictionary<string, List<Dictionary<string, string>>> Read(byte[] file)
    {
        var result = new Dictionary<string, List<Dictionary<string, string>>>();
        using var stream = new MemoryStream(file);
        foreach (var sheet in stream.GetSheetNames())
        {
            stream.Position = 0;
            result[sheet] = [.. stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>()
                .Select(r => r.ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))];
            stream.Position = 0;
        }
        return result;
    }

    /// <summary>Issue #19, failure 5: an import wrote one audit row per record (about 140,000 for a large year). It
    /// now writes one for the year, committed with the records, listing what was written and the file's digest.</summary>
    [Fact]
    public async Task An_import_writes_one_audit_row_with_the_counts_and_the_files_digest()
    {
        var file = Write(await DemoSheetsAsync());
        await using var target = new MamoriFactory(TestDatabases.Sqlite);
        using var admin = await target.ClientAsAsync(Roles.Administrator);
        var last = await target.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;

        await AppClient.AssertRedirectAsync(await ImportAsync(admin, file));

        var rows = await target.WithDbAsync(db => db.AuditEntries.Where(a => a.Id > last).ToListAsync());
        var row = Assert.Single(rows);
        var year = await target.WithDbAsync(db => db.FiscalYears.SingleAsync());
        Assert.Equal((AuditActions.Import, "FiscalYear", year.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (row.Action, row.EntityType, row.EntityId));
        using var details = System.Text.Json.JsonDocument.Parse(row.Changes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), details.RootElement.GetProperty("file").GetProperty("sha256").GetString());
        Assert.Equal(file.Length, details.RootElement.GetProperty("file").GetProperty("bytes").GetInt32());
        var counts = details.RootElement.GetProperty("counts");
        Assert.Equal(await target.WithDbAsync(db => db.Sessions.CountAsync()), counts.GetProperty("活動記録").GetInt32());
        Assert.Equal(await target.WithDbAsync(db => db.Engagements.CountAsync()), counts.GetProperty("個別支援").GetInt32());
    }

    /// <summary>Issue #19, failure 8: text that a spreadsheet would take for a formula is written with a leading
    /// apostrophe, and the import reads it back as it was, so the round trip still holds.</summary>
    [Fact]
    public async Task Formula_looking_text_is_guarded_in_the_export_and_read_back_unchanged_by_the_import()
    {
        const string Name = "=HYPERLINK(\"http://attacker.example\",\"詳細\")";
        const string Summary = "'-";
        await using var source = new MamoriFactory(TestDatabases.Sqlite);
        await source.WithDbAsync(db => DemoData.LoadProgramAsync(db, DateTimeOffset.UtcNow));
        var (companyCode, sessionId) = await source.WithDbAsync(async db =>
        {
            var company = await db.Companies.OrderBy(c => c.Id).FirstAsync();
            company.NameJa = Name;
            var session = await db.Sessions.OrderBy(s => s.Id).FirstAsync();
            session.Summary = Summary;
            await db.SaveChangesAsync();
            return (company.Code, session.Id);
        });
        using var sourceAdmin = await source.ClientAsAsync(Roles.Administrator);
        var file = await ExportAsync(sourceAdmin, 2022);

        using (var stream = new MemoryStream(file))
        {
            var companies = stream.Query(useHeaderRow: true, sheetName: "企業").Cast<IDictionary<string, object>>();
            Assert.Equal("'" + Name, companies.Single(r => (string)r["企業コード"] == companyCode)["企業名"]);
        }

        await using var target = new MamoriFactory(TestDatabases.Sqlite);
        using var targetAdmin = await target.ClientAsAsync(Roles.Administrator);
        await AppClient.AssertRedirectAsync(await ImportAsync(targetAdmin, file));
        Assert.Equal(Name, await target.WithDbAsync(db => db.Companies.Where(c => c.Code == companyCode).Select(c => c.NameJa).SingleAsync()));
        Assert.Equal(1, await target.WithDbAsync(db => db.Sessions.CountAsync(s => s.Summary == Summary)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Export_then_import_into_an_empty_database_then_export_gives_the_same_workbook(string provider)
    {
        await using var source = new MamoriFactory(provider);
        await source.WithDbAsync(db => DemoData.LoadProgramAsync(db, DateTimeOffset.UtcNow));
        using var sourceAdmin = await source.ClientAsAsync(Roles.Administrator);
        var first = await ExportAsync(sourceAdmin, 2022);

        await using var target = new MamoriFactory(provider);
        using var targetAdmin = await target.ClientAsAsync(Roles.Administrator);
        var imported = await ImportAsync(targetAdmin, first);
        await AppClient.AssertRedirectAsync(imported);
        var second = await ExportAsync(targetAdmin, 2022);

        var a = Read(first);
        var b = Read(second);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var sheet in a.Keys)
        {
            Assert.True(a[sheet].Count == b[sheet].Count, $"{sheet}: {a[sheet].Count} rows before, {b[sheet].Count} after");
            for (var i = 0; i < a[sheet].Count; i++)
            {
                Assert.Equal(a[sheet][i], b[sheet][i]);
            }
        }
        // The content is the real FY2022 program: ten engagements in three countries, hours intact.
        Assert.Equal(10, a["個別支援"].Count);
        Assert.Equal(["CN", "ID", "TH", "VN"], a["対象国"].Select(r => r["国コード"]).Order());
        Assert.Equal(a["活動記録"].Count, await target.WithDbAsync(db => db.Sessions.CountAsync()));
        var hours = await target.WithDbAsync(db => db.Engagements.Where(e => e.Number == "2022-CN-01").Select(e => e.UsedMinutes).SingleAsync());
        Assert.Equal(19 * 60, hours);
    }

    [Fact]
    public async Task A_bad_workbook_is_reported_by_sheet_row_and_column_and_nothing_is_written()
    {
        var sheets = await DemoSheetsAsync();

        sheets["年度"][0]["年度"] = "2031";
        sheets["年度"][0]["支援開始日"] = "2032-02-01";
        sheets["年度"][0]["支援終了日"] = "2031-10-01";
        sheets["拠点"][0]["国コード"] = "ZZ";
        sheets["拠点"][1]["州・省コード"] = "TH-11";
        sheets["企業"][2]["企業コード"] = sheets["企業"][1]["企業コード"];
        sheets["活動記録"][0]["開始時刻"] = "25:99";
        sheets["個別支援"][0]["支援番号"] = "2031-CN-01";
        foreach (var row in sheets["専門家"])
        {
            row.Remove("契約事務所");
        }
        var bad = Write(sheets);

        await using var target = new MamoriFactory(TestDatabases.Sqlite);
        using var targetAdmin = await target.ClientAsAsync(Roles.Administrator);
        var response = await ImportAsync(targetAdmin, bad);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var rows = page.QuerySelectorAll("[data-import-error-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("専門家", StringComparison.Ordinal) && r.Contains("契約事務所", StringComparison.Ordinal));
        Assert.Equal(0, await target.WithDbAsync(db => db.FiscalYears.CountAsync()));

        // Fix the columns; the row-level problems now surface, each with its place.
        foreach (var row in sheets["専門家"])
        {
            row["契約事務所"] = "";
        }
        response = await ImportAsync(targetAdmin, Write(sheets));
        page = await AppClient.ParseAsync(response);
        rows = [.. page.QuerySelectorAll("[data-import-error-table] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim())))];
        Assert.Contains(rows, r => r.StartsWith("年度|2|", StringComparison.Ordinal) && r.Contains("支援終了日", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("拠点|2|F（国コード）", StringComparison.Ordinal) && r.Contains("ZZ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("拠点|3|G（州・省コード）", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("企業|4|A（企業コード）", StringComparison.Ordinal) && r.Contains("重複", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("活動記録|2|D（開始時刻）", StringComparison.Ordinal));
        Assert.Equal(0, await target.WithDbAsync(db => db.FiscalYears.CountAsync()));
        Assert.Equal(0, await target.WithDbAsync(db => db.Companies.CountAsync()));
        Assert.Equal(0, await target.WithDbAsync(db => db.Experts.CountAsync()));
    }

    /// <summary>Issue #19, failure 1: a formula cell that a tool saved without a cached value was read as empty and
    /// overwrote a company's headcount with nothing. Now any formula is refused at its sheet, row and column.</summary>
    [Fact]
    public async Task A_formula_cell_is_refused_at_its_place_and_never_read_as_empty()
    {
        var sheets = await DemoSheetsAsync();
        var headcount = sheets["企業"][0].Keys.ToList().IndexOf("従業員数");
        Assert.True(headcount >= 0);
        var cell = $"{(char)('A' + headcount)}3";
        var file = WithFormula(Write(sheets), "企業", cell, "20*2");

        await using var target = new MamoriFactory(TestDatabases.Sqlite);
        using var targetAdmin = await target.ClientAsAsync(Roles.Administrator);
        var page = await AppClient.ParseAsync(await ImportAsync(targetAdmin, file));
        var rows = page.QuerySelectorAll("[data-import-error-table] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains(rows, r => r.StartsWith($"企業|3|{cell[0]}（従業員数）", StringComparison.Ordinal) && r.Contains(cell, StringComparison.Ordinal));
        Assert.Equal(0, await target.WithDbAsync(db => db.Companies.CountAsync()));
    }

    /// <summary>Replaces one cell of a sheet with a formula and no cached value, as some tools save it.</summary>
    private static byte[] WithFormula(byte[] xlsx, string sheetName, string cellReference, string formula)
    {
        using var buffer = new MemoryStream();
        buffer.Write(xlsx);
        using (var archive = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            System.Xml.Linq.XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            System.Xml.Linq.XNamespace rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            System.Xml.Linq.XNamespace package = "http://schemas.openxmlformats.org/package/2006/relationships";
            System.Xml.Linq.XDocument Load(string path)
            {
                using var stream = archive.GetEntry(path)!.Open();
                return System.Xml.Linq.XDocument.Load(stream);
            }
            var id = Load("xl/workbook.xml").Descendants(main + "sheet").Single(e => (string?)e.Attribute("name") == sheetName).Attribute(rel + "id")!.Value;
            var target = Load("xl/_rels/workbook.xml.rels").Descendants(package + "Relationship").Single(e => (string?)e.Attribute("Id") == id).Attribute("Target")!.Value;
            var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
            var sheet = Load(path);
            var c = sheet.Descendants(main + "c").Single(e => (string?)e.Attribute("r") == cellReference);
            c.RemoveNodes();
            c.Attribute("t")?.Remove();
            c.Add(new System.Xml.Linq.XElement(main + "f", formula));
            archive.GetEntry(path)!.Delete();
            using var write = archive.CreateEntry(path).Open();
            sheet.Save(write);
        }
        return buffer.ToArray();
    }

    /// <summary>Import messages are localized; the sheet and column keep the workbook's own (Japanese) names, since
    /// those are what the user finds in the file.</summary>
    [Fact]
    public async Task The_english_ui_reports_import_errors_in_english_at_the_japanese_sheet_and_column()
    {
        var sheets = await DemoSheetsAsync();
        sheets["拠点"][0]["国コード"] = "ZZ";
        sheets["活動記録"][0]["開始時刻"] = "25:99";

        await using var target = new MamoriFactory(TestDatabases.Sqlite);
        using var targetAdmin = await target.ClientAsAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.Redirect, (await targetAdmin.SubmitAsync("/", [], "form[action='/Culture']", "culture", "en")).StatusCode);
        var page = await AppClient.ParseAsync(await ImportAsync(targetAdmin, Write(sheets)));
        var rows = page.QuerySelectorAll("[data-import-error-table] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains("拠点|2|F（国コード）|Country code “ZZ” is not registered.", rows);
        Assert.Contains("活動記録|2|D（開始時刻）|Enter the time as 14:00 (“25:99”).", rows);
        Assert.Contains("The import failed", page.QuerySelector("[data-import-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await target.WithDbAsync(db => db.FiscalYears.CountAsync()));
    }

    /// <summary>The import counts hours with the session page's rule: the session that takes an engagement past its
    /// allowance (and any that adds to it once past) needs an approval reason, or the whole workbook is refused.</summary>
    [Fact]
    public async Task Sessions_past_the_allowance_without_a_reason_are_refused_at_their_row()
    {
        var sheets = await DemoSheetsAsync();

        // 2022-CN-01 used 19 of 23 hours; with a 10-hour allowance its sessions cross the limit part way.
        sheets["個別支援"].Single(r => r["支援番号"] == "2022-CN-01")["支援時間枠（時間）"] = "10";
        var ordered = sheets["活動記録"].Select((r, i) => (Row: r, SheetRow: i + 2))
            .Where(x => x.Row["支援番号"] == "2022-CN-01")
            .OrderBy(x => x.Row["日付"], StringComparer.Ordinal).ThenBy(x => x.Row["開始時刻"], StringComparer.Ordinal).ToList();
        var total = 0m;
        var crossing = ordered.SkipWhile(x => (total += decimal.Parse(x.Row["時間"], System.Globalization.CultureInfo.InvariantCulture)) <= 10).ToList();
        Assert.NotEmpty(crossing);
        Assert.All(crossing, x => Assert.Equal("", x.Row["枠超過の承認理由"]));

        await using var target = new MamoriFactory(TestDatabases.Sqlite);
        using var targetAdmin = await target.ClientAsAsync(Roles.Administrator);
        var page = await AppClient.ParseAsync(await ImportAsync(targetAdmin, Write(sheets)));
        var rows = page.QuerySelectorAll("[data-import-error-table] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(crossing.Count, rows.Count);
        Assert.All(crossing, x => Assert.Contains(rows, r => r.StartsWith($"活動記録|{x.SheetRow}|N（枠超過の承認理由）", StringComparison.Ordinal)
            && r.Contains("支援時間枠（10時間）を超えます", StringComparison.Ordinal)));
        // The sheets before 活動記録 were saved inside the import's transaction as they were read; all rolled back.
        Assert.Equal(0, await target.WithDbAsync(db => db.FiscalYears.CountAsync()));
        Assert.Equal(0, await target.WithDbAsync(db => db.Companies.CountAsync()));
        Assert.Equal(0, await target.WithDbAsync(db => db.Engagements.CountAsync()));

        // With a reason on each of them the workbook goes in, and the crossing session keeps its reason.
        foreach (var (row, _) in crossing)
        {
            row["枠超過の承認理由"] = "現地研修の追加を事務局が承認";
        }
        await AppClient.AssertRedirectAsync(await ImportAsync(targetAdmin, Write(sheets)));
        var stored = await target.WithDbAsync(db => db.Engagements.Where(e => e.Number == "2022-CN-01")
            .Select(e => new { e.UsedMinutes, e.AllowanceMinutes, Reasons = e.Sessions.Count(s => s.OverrideReason != "") }).SingleAsync());
        Assert.Equal((19 * 60, 10 * 60, crossing.Count), (stored.UsedMinutes, stored.AllowanceMinutes, stored.Reasons));
    }

    [Fact]
    public async Task A_file_that_is_not_xlsx_and_a_year_that_exists_are_refused()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite);
        await app.WithDbAsync(db => DemoData.LoadProgramAsync(db, DateTimeOffset.UtcNow));
        using var admin = await app.ClientAsAsync(Roles.Administrator);
        var notXlsx = await ImportAsync(admin, "受付番号,企業コード\n2022-001,C0001\n"u8.ToArray(), "year.csv");
        Assert.Contains("XLSX", (await AppClient.ParseAsync(notXlsx)).QuerySelector("[data-import-error-table]")!.TextContent, StringComparison.Ordinal);
        var corrupt = await ImportAsync(admin, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]);
        Assert.Contains("XLSX", (await AppClient.ParseAsync(corrupt)).QuerySelector("[data-import-error-table]")!.TextContent, StringComparison.Ordinal);
        var again = await ImportAsync(admin, await ExportAsync(admin, 2022));
        Assert.Contains("既に登録されています", (await AppClient.ParseAsync(again)).QuerySelector("[data-import-error-table]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.FiscalYears.CountAsync()));
    }

    [Fact]
    public async Task A_coordinator_may_export_but_not_import()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite);
        await app.WithDbAsync(db => DemoData.LoadProgramAsync(db, DateTimeOffset.UtcNow));
        using var coordinator = await app.ClientAsAsync(Roles.Coordinator);
        var file = await ExportAsync(coordinator, 2022);
        Assert.True(file.Length > 1000);
        var page = await coordinator.GetDocumentAsync("/DataTransfer");
        Assert.Null(page.QuerySelector("form[action*='handler=Import']"));
        var culture = page.QuerySelector("form[action='/Culture']") as AngleSharp.Html.Dom.IHtmlFormElement;
        culture!.SetAttribute("action", "/DataTransfer?handler=Import");
        var response = await coordinator.PostFormAsync(culture, []);
        Assert.Contains("AccessDenied", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    /// <summary>The FY2022 demo program exported as the year workbook, read back into editable rows.</summary>
    private static async Task<Dictionary<string, List<Dictionary<string, string>>>> DemoSheetsAsync()
    {
        await using var source = new MamoriFactory(TestDatabases.Sqlite);
        await source.WithDbAsync(db => DemoData.LoadProgramAsync(db, DateTimeOffset.UtcNow));
        using var admin = await source.ClientAsAsync(Roles.Administrator);
        return Read(await ExportAsync(admin, 2022));
    }

    private static byte[] Write(Dictionary<string, List<Dictionary<string, string>>> sheets)
    {
        using var stream = new MemoryStream();
        var data = sheets.ToDictionary(s => s.Key, s => (object)s.Value.Select(r => r.ToDictionary(kv => kv.Key, kv => (object)kv.Value)).ToList());
        stream.SaveAs(data);
        return stream.ToArray();
    }
}
