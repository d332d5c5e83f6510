using MiniExcelLibs;

namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>An uploaded XLSX file, held in memory so that each sheet can be read from the start. Opening it and
/// reading a sheet record every problem in the shared error list instead of throwing, so one pass reports them all.</summary>
public sealed class WorkbookFile
{
    /// <summary>The sheet name under which problems of the file as a whole are reported.</summary>
    public const string FileSheet = "ファイル";

    private readonly byte[] bytes;
    private readonly WorkbookInspection inspection;
    private readonly List<ImportError> errors;

    private WorkbookFile(byte[] bytes, WorkbookInspection inspection, IReadOnlyList<string> sheetNames, List<ImportError> errors)
    {
        this.bytes = bytes;
        this.inspection = inspection;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        SheetNames = sheetNames;
        this.errors = errors;
    }

    public IReadOnlyList<string> SheetNames { get; }

    /// <summary>The SHA-256 digest of the uploaded file (lowercase hex), for the audit row of an import.</summary>
    public string Sha256 { get; }

    /// <summary>The size of the uploaded file in bytes.</summary>
    public int Length => bytes.Length;

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
            // Bounds first (WorkbookLimits): nothing below reads the content before they hold.
            if (WorkbookInspection.Run(bytes, errors) is not { } inspection)
            {
                return null;
            }
            using var probe = new MemoryStream(bytes);
            return new WorkbookFile(bytes, inspection, probe.GetSheetNames(), errors);
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
            foreach (var (row, column, reference) in inspection.FormulasOf(layout.Name))
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

    /// <summary>What MiniExcel and the ZIP and XML readers under it throw for a damaged or foreign file. The argument
    /// exceptions were found by fuzzing (docs/fuzzing.md): MiniExcel throws them for a workbook part without its
    /// sheet list and for a row with two cells at one column.</summary>
    private static bool IsUnreadable(Exception ex) =>
        ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or FormatException
            or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException
            or OverflowException or InvalidCastException;
}
