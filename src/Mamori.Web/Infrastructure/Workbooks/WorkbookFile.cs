using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using MiniExcelLibs;

namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>An uploaded XLSX file, held in memory so that each sheet can be read from the start. Opening it and
/// reading a sheet record every problem in the shared error list instead of throwing, so one pass reports them all.</summary>
public sealed partial class WorkbookFile
{
    /// <summary>The sheet name under which problems of the file as a whole are reported.</summary>
    public const string FileSheet = "ファイル";

    private readonly byte[] bytes;
    private readonly List<ImportError> errors;

    private WorkbookFile(byte[] bytes, IReadOnlyList<string> sheetNames, List<ImportError> errors)
    {
        this.bytes = bytes;
        SheetNames = sheetNames;
        this.errors = errors;
    }

    public IReadOnlyList<string> SheetNames { get; }

    /// <summary>Reads the upload; null (with the reason in <paramref name="errors"/>) when it is not a readable XLSX file.</summary>
    public static async Task<WorkbookFile?> OpenAsync(Stream input, List<ImportError> errors, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        // An XLSX file is a ZIP archive ("PK"); a CSV or an old .xls is named as such instead of failing somewhere inside MiniExcel.
        if (bytes.Length < 4 || bytes[0] != 0x50 || bytes[1] != 0x4B)
        {
            errors.Add(new ImportError(FileSheet, null, null, "XLSX形式のファイルではありません。Excelで「Excel ブック (*.xlsx)」として保存したファイルを選んでください。"));
            return null;
        }
        try
        {
            using var probe = new MemoryStream(bytes);
            return new WorkbookFile(bytes, probe.GetSheetNames(), errors);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            errors.Add(new ImportError(FileSheet, null, null, "XLSXファイルとして読めません（壊れているか、別の形式です）。"));
            return null;
        }
    }

    /// <summary>Reads one sheet and checks its header against the layout. A sheet the file lacks gives an empty reader
    /// (and an error if the sheet is required), so the caller reads optional sheets the same way as the others.</summary>
    public SheetReader Read(SheetLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!SheetNames.Contains(layout.Name))
        {
            if (layout.Required)
            {
                errors.Add(new ImportError(layout.Name, null, null, "シートがありません。"));
            }
            return new SheetReader(layout.Name, errors, [], []);
        }
        try
        {
            using var stream = new MemoryStream(bytes);
            var headers = (stream.GetColumns(useHeaderRow: true, sheetName: layout.Name) ?? []).Select(h => h?.ToString()?.Trim() ?? "").ToList();
            stream.Position = 0;
            var rows = new List<WorkbookRow>();
            var number = 1;
            foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: true, sheetName: layout.Name))
            {
                number++;
                if (!cells.Values.All(v => v is null || v is string s && s.Trim().Length == 0))
                {
                    rows.Add(new WorkbookRow(number, cells));
                }
            }
            // A sheet left entirely empty is an optional sheet with no rows, not a sheet with every column missing.
            if (headers.Count > 0 || rows.Count > 0)
            {
                CheckHeader(layout, headers);
            }
            var sheet = new SheetReader(layout.Name, errors, headers, rows);
            // MiniExcel reads a formula cell as its cached value, and as empty when the tool that saved the file kept
            // none: a headcount would silently become nothing. Every formula is refused where it is.
            foreach (var (row, column, reference) in FormulaCells(layout.Name))
            {
                sheet.Error(row, column < headers.Count && headers[column].Length > 0 ? headers[column] : null,
                    "数式のセル（{0}）は取り込めません。Excelでコピーして「値の貼り付け」で値にしてから、もう一度アップロードしてください。", reference);
            }
            return sheet;
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            errors.Add(new ImportError(layout.Name, null, null, "シートを読めません。"));
            return new SheetReader(layout.Name, errors, [], []);
        }
    }

    /// <summary>The cells of a sheet that hold a formula (an <c>&lt;f&gt;</c> element), as Excel row, zero-based column
    /// and reference ("F12"), read from the sheet's XML part.</summary>
    private List<(int Row, int Column, string Reference)> FormulaCells(string sheetName)
    {
        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        XNamespace rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        XNamespace package = "http://schemas.openxmlformats.org/package/2006/relationships";
        var workbook = Load(archive, "xl/workbook.xml");
        var id = workbook?.Descendants(main + "sheet").FirstOrDefault(e => (string?)e.Attribute("name") == sheetName)?.Attribute(rel + "id")?.Value;
        var target = Load(archive, "xl/_rels/workbook.xml.rels")?.Descendants(package + "Relationship")
            .FirstOrDefault(e => (string?)e.Attribute("Id") == id)?.Attribute("Target")?.Value;
        if (target is null)
        {
            return [];
        }
        var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        var found = new List<(int, int, string)>();
        var entry = archive.GetEntry(path);
        if (entry is null)
        {
            return found;
        }
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        string? cell = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != main.NamespaceName)
            {
                continue;
            }
            if (reader.LocalName == "c")
            {
                cell = reader.GetAttribute("r");
            }
            else if (reader.LocalName == "f" && cell is not null && CellReference().Match(cell) is { Success: true } m)
            {
                var column = m.Groups[1].Value.Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1)) - 1;
                found.Add((int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), column, cell));
                cell = null;
            }
        }
        return found;
    }

    private static XDocument? Load(ZipArchive archive, string path)
    {
        var entry = archive.GetEntry(path);
        if (entry is null)
        {
            return null;
        }
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    [GeneratedRegex("^([A-Z]{1,3})([0-9]{1,7})$")]
    private static partial Regex CellReference();

    private void CheckHeader(SheetLayout layout, List<string> headers)
    {
        foreach (var missing in layout.Columns.Where(c => !headers.Contains(c)))
        {
            errors.Add(layout.RequiredColumns.Contains(missing)
                ? new ImportError(layout.Name, 1, missing, "必須の列がありません。")
                : new ImportError(layout.Name, 1, missing, "列がありません。"));
        }
        if (layout.OtherColumnsAllowed)
        {
            return;
        }
        foreach (var unknown in headers.Where(h => h.Length > 0 && !layout.Columns.Contains(h)))
        {
            errors.Add(new ImportError(layout.Name, 1, unknown, "この列は取り込めません（列名を確認してください）。"));
        }
    }

    /// <summary>What MiniExcel and the ZIP and XML readers under it throw for a damaged or foreign file.</summary>
    private static bool IsUnreadable(Exception ex) =>
        ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or FormatException
            or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException;
}
