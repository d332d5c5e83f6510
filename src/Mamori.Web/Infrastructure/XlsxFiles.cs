using Mamori.Data;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Mamori.Web.Infrastructure;

/// <summary>Every XLSX the app writes goes through here, so that formula-looking text is guarded
/// (<see cref="SpreadsheetText"/>) in every export; <c>ArchitectureTests</c> fails if MiniExcel is asked to write
/// anywhere else. <see cref="ListAsync"/> is the download of a list: exactly the rows and columns the page shows
/// (same filter and sort, without paging), Japanese headers, an audit row for every export.</summary>
public static class XlsxFiles
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Sheet name → rows (a list of dictionaries or a DataTable), guarded, as an XLSX file.</summary>
    public static async Task<byte[]> WriteAsync(IDictionary<string, object> sheets, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        SpreadsheetText.GuardSheets(sheets.Values);
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <inheritdoc cref="WriteAsync"/>
    public static byte[] Write(IDictionary<string, object> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        SpreadsheetText.GuardSheets(sheets.Values);
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    public static async Task<FileContentResult> ListAsync(AppDbContext db, string sheetName, string fileStem, IEnumerable<IDictionary<string, object?>> rows, TimeProvider time, string what)
    {
        var list = rows as IList<IDictionary<string, object?>> ?? [.. rows];
        var content = await WriteAsync(new Dictionary<string, object> { [sheetName] = list });
        await db.AuditAsync(AuditActions.Export, what, "", $"{{\"rows\":{list.Count}}}");
        var stamp = Display.ToZone(time.GetUtcNow(), "Asia/Tokyo").ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        return new FileContentResult(content, ContentType) { FileDownloadName = $"{fileStem}-{stamp}.xlsx" };
    }
}
