using Mamori.Data;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Mamori.Web.Infrastructure;

/// <summary>XLSX downloads of lists: exactly the rows and columns the page shows (same filter and sort,
/// without paging), Japanese headers, an audit row for every export.</summary>
public static class XlsxFiles
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<FileContentResult> ListAsync(AppDbContext db, string sheetName, string fileStem, IEnumerable<IDictionary<string, object?>> rows, TimeProvider time, string what)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: sheetName);
        var list = rows as ICollection<IDictionary<string, object?>>;
        await db.AuditAsync(AuditActions.Export, what, "", $"{{\"rows\":{list?.Count ?? -1}}}");
        var stamp = Display.ToZone(time.GetUtcNow(), "Asia/Tokyo").ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        return new FileContentResult(stream.ToArray(), ContentType) { FileDownloadName = $"{fileStem}-{stamp}.xlsx" };
    }
}
