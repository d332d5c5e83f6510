using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;

namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>One streamed pass over an uploaded workbook before any spreadsheet reader sees it. It enforces
/// <see cref="WorkbookLimits"/> while allocating only small buffers whatever the file holds (the entry count is read
/// from the archive's end record before the archive is opened; parts are inflated through
/// <see cref="BoundedXmlStream"/>; text is measured in chunks, never materialized), and it finds the formula cells
/// of each sheet on the way, which the import refuses.</summary>
internal sealed partial class WorkbookInspection
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    private readonly Dictionary<string, List<FormulaCell>> formulas = new(StringComparer.Ordinal);
    private int cells;

    private WorkbookInspection() { }

    /// <summary>The formula cells of a sheet, by its name in the workbook.</summary>
    public IReadOnlyList<FormulaCell> FormulasOf(string sheet) => formulas.TryGetValue(sheet, out var found) ? found : [];

    /// <summary>Null, with the reason in <paramref name="errors"/>, when the file breaks a bound. A file that is not a
    /// readable archive or XML throws what the ZIP and XML readers throw, as opening it would.</summary>
    public static WorkbookInspection? Run(byte[] bytes, List<ImportError> errors)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(errors);
        if (EntryCount(bytes) is not { } count)
        {
            throw new InvalidDataException("No ZIP end of central directory record.");
        }
        if (count > WorkbookLimits.MaxParts)
        {
            errors.Add(new ImportError(WorkbookFile.FileSheet, null, null, "ファイルの中の部品が多すぎます（上限 {0} 個）。Excelで保存したXLSXファイルか確認してください。", WorkbookLimits.MaxParts));
            return null;
        }
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            // The declared sizes first, so an honest oversized file is refused before anything is inflated.
            var declared = archive.Entries.Aggregate(0L, (sum, e) => sum > WorkbookLimits.MaxUncompressedBytes ? sum : sum + e.Length);
            if (declared > WorkbookLimits.MaxUncompressedBytes)
            {
                errors.Add(TooLarge());
                return null;
            }
            var budget = new WorkbookBudget(WorkbookLimits.MaxUncompressedBytes);
            var sheets = SheetParts(archive, budget);
            var inspection = new WorkbookInspection();
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                {
                    if (!inspection.Scan(entry, sheets.GetValueOrDefault(entry.FullName), budget, errors))
                    {
                        return null;
                    }
                }
            }
            return inspection;
        }
        catch (WorkbookLimitException ex) when (ex.Broken == WorkbookLimitException.Kind.Size)
        {
            errors.Add(TooLarge());
            return null;
        }
        catch (WorkbookLimitException)
        {
            errors.Add(new ImportError(WorkbookFile.FileSheet, null, null, "XLSXファイルとして読めません（壊れているか、別の形式です）。"));
            return null;
        }
    }

    private static ImportError TooLarge() =>
        new ImportError(WorkbookFile.FileSheet, null, null, "ファイルを展開すると大きすぎます（上限 {0} MB）。", WorkbookLimits.MaxUncompressedBytes / 1024 / 1024);

    /// <summary>The number of entries from the ZIP end of central directory record (the last 22 bytes before an
    /// archive comment of at most 64 KB); null when there is none. An archive that needs ZIP64 for its count
    /// (65,535 or more entries) reports 0xFFFF, which is over the bound as well.</summary>
    private static int? EntryCount(byte[] bytes)
    {
        const int RecordLength = 22;
        const uint Signature = 0x06054b50;
        var last = bytes.Length - RecordLength;
        for (var i = last; i >= 0 && i >= last - ushort.MaxValue; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == Signature)
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + 10));
            }
        }
        return null;
    }

    /// <summary>Part path ("xl/worksheets/sheet1.xml") → sheet name, from the workbook part and its relationships,
    /// read as a stream of elements (attributes only).</summary>
    private static Dictionary<string, string> SheetParts(ZipArchive archive, WorkbookBudget budget)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        Elements(archive, "xl/workbook.xml", budget, "sheet", r =>
        {
            if (r.GetAttribute("id", OfficeRelationships) is { } id && r.GetAttribute("name") is { } name)
            {
                ids[id] = name;
            }
        });
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        Elements(archive, "xl/_rels/workbook.xml.rels", budget, "Relationship", r =>
        {
            if (r.GetAttribute("Id") is { } id && ids.TryGetValue(id, out var name) && r.GetAttribute("Target") is { } target)
            {
                parts[target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target] = name;
            }
        });
        return parts;
    }

    private static void Elements(ZipArchive archive, string path, WorkbookBudget budget, string localName, Action<XmlReader> visit)
    {
        if (archive.GetEntry(path) is not { } entry)
        {
            return;
        }
        using var stream = new BoundedXmlStream(entry.Open(), budget);
        using var reader = XmlReader.Create(stream, Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName)
            {
                visit(reader);
            }
        }
    }

    /// <summary>Streams one part: counts the cells of a sheet (<paramref name="sheet"/> not null), records its
    /// formula cells, and measures the text of every cell and shared string in chunks.</summary>
    private bool Scan(ZipArchiveEntry entry, string? sheet, WorkbookBudget budget, List<ImportError> errors)
    {
        using var stream = new BoundedXmlStream(entry.Open(), budget);
        using var reader = XmlReader.Create(stream, Settings);
        var chunk = new char[4096];
        string? cell = null;
        var inItem = false;
        var chars = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.NamespaceURI == Main:
                    switch (reader.LocalName)
                    {
                        case "c" when sheet is not null:
                            if (++cells > WorkbookLimits.MaxCells)
                            {
                                errors.Add(new ImportError(sheet, null, null, "セルが多すぎます（すべてのシートで上限 {0} 個）。", WorkbookLimits.MaxCells));
                                return false;
                            }
                            cell = reader.GetAttribute("r");
                            (inItem, chars) = (!reader.IsEmptyElement, 0);
                            break;
                        case "si":
                            (cell, inItem, chars) = (null, !reader.IsEmptyElement, 0);
                            break;
                        case "f" when sheet is not null && cell is not null && Locate(cell) is { } at:
                            if (!formulas.TryGetValue(sheet, out var list))
                            {
                                formulas[sheet] = list = [];
                            }
                            list.Add(new FormulaCell(at.Row, at.Column, cell));
                            break;
                    }
                    break;
                case XmlNodeType.EndElement when reader.NamespaceURI == Main && reader.LocalName is "c" or "si":
                    (cell, inItem) = (null, false);
                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA:
                    if (!inItem)
                    {
                        chars = 0;
                    }
                    int read;
                    while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        chars += read;
                        if (chars > WorkbookLimits.MaxCellChars)
                        {
                            var at = cell is null ? null : Locate(cell);
                            var column = cell is null ? null : Letters().Match(cell).Value;
                            errors.Add(sheet is not null && at is not null
                                ? new ImportError(sheet, at.Value.Row, column, "セルの文字数が上限（{0} 文字）を超えています。", WorkbookLimits.MaxCellChars)
                                : new ImportError(WorkbookFile.FileSheet, null, null, "文字数が上限（{0} 文字）を超えるセルがあります。", WorkbookLimits.MaxCellChars));
                            return false;
                        }
                    }
                    break;
            }
        }
        return true;
    }

    /// <summary>Excel row and zero-based column of a reference such as "F12"; null for anything else.</summary>
    private static (int Row, int Column)? Locate(string reference)
    {
        var m = CellReference().Match(reference);
        if (!m.Success)
        {
            return null;
        }
        var column = m.Groups[1].Value.Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1)) - 1;
        return (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), column);
    }

    [GeneratedRegex("^([A-Z]{1,3})([0-9]{1,7})$")]
    private static partial Regex CellReference();

    [GeneratedRegex("^[A-Z]{1,3}")]
    private static partial Regex Letters();
}
