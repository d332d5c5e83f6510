using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Infrastructure.Workbooks;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Mamori.Tests.Transfer;

/// <summary>Issue #19, failure 4: a 218 KB workbook holding one 199 MB cell was refused only after the process had
/// grown to 2.2 GB. An upload is now held to <see cref="WorkbookLimits"/> while it is streamed once, before any reader
/// allocates for its content. Each test measures what opening and reading the file allocated on the test's thread
/// (the reader is synchronous over an in-memory upload, which the test checks).</summary>
public sealed class WorkbookLimitsTests
{
    private static readonly SheetLayout Companies = new("企業", Required: true, ["名称"], ["名称"]);

    /// <summary>Far below what reading the hostile content would take (the cell alone is 100 MB as a string),
    /// far above the upload's own copy and the inspection's buffers.</summary>
    private const long AllocationBound = 24L * 1024 * 1024;

    private static byte[] Workbook()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["企業"] = new[] { new Dictionary<string, object> { ["名称"] = "株式会社テスト" } } });
        return stream.ToArray();
    }

    /// <summary>Replaces a part of the archive with what <paramref name="write"/> streams into it.</summary>
    private static byte[] WithPart(byte[] xlsx, string path, Action<Stream> write, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        buffer.Write(xlsx);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(path)?.Delete();
            using var part = archive.CreateEntry(path, level).Open();
            write(part);
        }
        return buffer.ToArray();
    }

    /// <summary>A sheet whose cell A2 holds <paramref name="length"/> characters as an inline string, written in chunks.</summary>
    private static void LongCellSheet(Stream part, int length)
    {
        part.Write("""<?xml version="1.0" encoding="utf-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>"""u8);
        var chunk = Encoding.ASCII.GetBytes(new string('A', 1 << 20));
        for (var left = length; left > 0; left -= chunk.Length)
        {
            part.Write(chunk, 0, Math.Min(left, chunk.Length));
        }
        part.Write("</t></is></c></row></sheetData></worksheet>"u8);
    }

    /// <summary>Opens the upload and reads its one sheet as an import does, returning the errors and the bytes
    /// allocated on this thread meanwhile.</summary>
    private static (List<ImportError> Errors, long Allocated) OpenAndRead(byte[] upload)
    {
        var errors = new List<ImportError>();
        using var input = new MemoryStream(upload);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var opening = WorkbookFile.OpenAsync(input, errors);
        Assert.True(opening.IsCompletedSuccessfully, "an in-memory upload opens synchronously, so this thread did all the work");
#pragma warning disable xUnit1031 // completed synchronously (checked above): the allocation count needs one thread
        opening.Result?.Read(Companies);
#pragma warning restore xUnit1031
        return (errors, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_cell_longer_than_excel_allows_is_refused_at_its_place_before_it_is_read()
    {
        var upload = WithPart(Workbook(), "xl/worksheets/sheet1.xml", part => LongCellSheet(part, 200_000_000));
        Assert.True(upload.Length < 2 * 1024 * 1024, $"the hostile file is small: {upload.Length} bytes");

        var (errors, allocated) = OpenAndRead(upload);

        var error = Assert.Single(errors);
        Assert.Equal(("企業", 2, "A"), (error.Sheet, error.Row, error.Column));
        Assert.Equal("セルの文字数が上限（32767 文字）を超えています。", error.Message);
        Assert.True(allocated < AllocationBound, $"allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public async Task A_cell_of_exactly_excels_limit_is_read()
    {
        var upload = WithPart(Workbook(), "xl/worksheets/sheet1.xml", part => LongCellSheet(part, WorkbookLimits.MaxCellChars));
        var errors = new List<ImportError>();
        using var input = new MemoryStream(upload);
        var file = await WorkbookFile.OpenAsync(input, errors);
        var sheet = file!.Read(Companies);
        Assert.Empty(errors);
        Assert.Equal(WorkbookLimits.MaxCellChars, SheetReader.Cell(Assert.Single(sheet.Rows), "名称").Length);
    }

    [Fact]
    public void A_file_that_inflates_beyond_the_bound_is_refused_before_it_is_inflated()
    {
        var upload = WithPart(Workbook(), "xl/worksheets/sheet2.xml", part =>
        {
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i <= WorkbookLimits.MaxUncompressedBytes / spaces.Length; i++)
            {
                part.Write(spaces);
            }
        }, CompressionLevel.Fastest);

        var (errors, allocated) = OpenAndRead(upload);

        var error = Assert.Single(errors);
        Assert.Equal((WorkbookFile.FileSheet, "ファイルを展開すると大きすぎます（上限 200 MB）。"), (error.Sheet, error.Message));
        Assert.True(allocated < AllocationBound + upload.Length, $"allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void More_cells_than_the_bound_are_refused_at_the_sheet()
    {
        var upload = WithPart(Workbook(), "xl/worksheets/sheet1.xml", part =>
        {
            part.Write("""<?xml version="1.0" encoding="utf-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""u8);
            var row = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 100).Select(i => "<c/>")));
            for (var r = 0; r <= WorkbookLimits.MaxCells / 100; r++)
            {
                part.Write("<row>"u8);
                part.Write(row);
                part.Write("</row>"u8);
            }
            part.Write("</sheetData></worksheet>"u8);
        });

        var (errors, allocated) = OpenAndRead(upload);

        var error = Assert.Single(errors);
        Assert.Equal(("企業", "セルが多すぎます（すべてのシートで上限 4000000 個）。"), (error.Sheet, error.Message));
        Assert.True(allocated < AllocationBound, $"allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void An_archive_of_too_many_parts_is_refused_from_its_end_record()
    {
        using var buffer = new MemoryStream();
        buffer.Write(Workbook());
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            for (var i = 0; i < WorkbookLimits.MaxParts; i++)
            {
                archive.CreateEntry($"x/{i}.bin");
            }
        }

        var (errors, _) = OpenAndRead(buffer.ToArray());

        Assert.Equal("ファイルの中の部品が多すぎます（上限 1000 個）。Excelで保存したXLSXファイルか確認してください。", Assert.Single(errors).Message);
    }

    /// <summary>Markup an XML reader keeps whole in memory (here a comment; CDATA and DTDs alike) is not in any
    /// spreadsheet writer's output, so it is refused as an unreadable file instead of being buffered.</summary>
    [Theory]
    [InlineData("<!-- a comment -->")]
    [InlineData("<![CDATA[text]]>")]
    [InlineData("<?target data?>")]
    public void Markup_a_reader_would_buffer_whole_is_refused(string markup)
    {
        var upload = WithPart(Workbook(), "xl/worksheets/sheet1.xml", part => part.Write(Encoding.UTF8.GetBytes(
            $"""<?xml version="1.0" encoding="utf-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{markup}<sheetData/></worksheet>""")));

        var (errors, _) = OpenAndRead(upload);

        Assert.Equal("XLSXファイルとして読めません（壊れているか、別の形式です）。", Assert.Single(errors).Message);
    }

    /// <summary>Through the real page: the year import reports the oversized cell where it is and writes nothing.</summary>
    [Fact]
    public async Task The_year_import_page_reports_the_oversized_cell_and_writes_nothing()
    {
        var upload = WithPart(Workbook(), "xl/worksheets/sheet1.xml", part => LongCellSheet(part, 100_000_000));
        await using var factory = new MamoriFactory(TestDatabases.Sqlite);
        using var admin = await factory.ClientAsAsync(Roles.Administrator);
        var form = await admin.GetDocumentAsync("/DataTransfer");
        var token = form.QuerySelector("form[action*='handler=Import'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(upload);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "Workbook", "bomb.xlsx");

        var page = await AppClient.ParseAsync(await admin.Http.PostAsync("/DataTransfer?handler=Import", content));

        var rows = page.QuerySelectorAll("[data-import-error-table] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["企業|2|A|セルの文字数が上限（32767 文字）を超えています。"], rows);
        Assert.Equal(0, await factory.WithDbAsync(db => db.FiscalYears.CountAsync()));
    }
}
