using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Workbooks;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Mamori.Web.Pages.Admin;

/// <summary>The diagnosis catalogue as a workbook an administrator edits in Excel: export any version, change
/// it, import it as the next version. Import is all-or-nothing; every problem is reported by sheet, row and
/// column. Options, number settings and links are written one per line as "a | b | c" so they stay editable.</summary>
public sealed class CatalogueWorkbook(AppDbContext db, CatalogueCache cache, TimeProvider time)
{
    public const string VersionSheet = "版";
    public const string SectionSheet = "区分";
    public const string ItemSheet = "項目";

    private static readonly string[] VersionColumns = ["名称", "名称（英語）", "法令情報の時点", "変更内容"];
    private static readonly string[] SectionColumns = ["記号", "名称", "名称（英語）", "説明", "説明（英語）"];
    private static readonly string[] ItemColumns =
    [
        "ID", "区分", "形式", "設問", "設問（英語）", "解説", "解説（英語）", "重み", "法的要件", "目的", "対象", "国",
        "拠点従業員数の下限", "法的保護に直結", "選択肢", "数値設定", "推奨事項", "推奨事項（英語）", "リンク",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<byte[]> ExportAsync(int versionId, CancellationToken ct = default)
    {
        var snapshot = await cache.GetAsync(db, versionId, ct) ?? throw new InvalidOperationException("no such version");
        var v = snapshot.Version;
        var sheets = new Dictionary<string, object>
        {
            [VersionSheet] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["名称"] = v.LabelJa, ["名称（英語）"] = v.LabelEn, ["法令情報の時点"] = v.AsOf.ToString("yyyy-MM-dd", Inv), ["変更内容"] = v.Note,
                },
            },
            [SectionSheet] = snapshot.Sections.Select(s => new Dictionary<string, object?>
            {
                ["記号"] = s.Key, ["名称"] = s.NameJa, ["名称（英語）"] = s.NameEn, ["説明"] = s.DescriptionJa, ["説明（英語）"] = s.DescriptionEn,
            }).ToList(),
            [ItemSheet] = snapshot.Items.Select(i => new Dictionary<string, object?>
            {
                ["ID"] = i.Key,
                ["区分"] = i.SectionKey,
                ["形式"] = CatalogueContent.CodeOf(i.Type),
                ["設問"] = i.TextJa,
                ["設問（英語）"] = i.TextEn,
                ["解説"] = i.HelpJa,
                ["解説（英語）"] = i.HelpEn,
                ["重み"] = i.Weight,
                ["法的要件"] = CatalogueContent.CodeOf(i.Requirement),
                ["目的"] = i.Objective,
                ["対象"] = i.Target,
                ["国"] = i.Countries,
                ["拠点従業員数の下限"] = i.MinBaseEmployees,
                ["法的保護に直結"] = i.Decisive ? "○" : "",
                ["選択肢"] = string.Join('\n', i.Options.Select(o => $"{o.Key} | {o.Ja} | {o.En} | {o.Score.ToString(Inv)}")),
                ["数値設定"] = i.Number is { } n
                    ? $"{n.UnitJa} | {n.UnitEn} | {n.Min.ToString(Inv)} | {n.Max.ToString(Inv)} | {string.Join("; ", n.Thresholds.Select(t => $"{t.Min.ToString(Inv)}={t.Score.ToString(Inv)}"))}"
                    : "",
                ["推奨事項"] = i.RecommendationJa,
                ["推奨事項（英語）"] = i.RecommendationEn,
                ["リンク"] = string.Join('\n', i.Links.Select(l => $"{l.Kind} | {l.Ref} | {l.Ja} | {l.En}")),
            }).ToList(),
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        await db.AuditAsync(AuditActions.Export, "CatalogueVersion", versionId.ToString(Inv), "", ct);
        return stream.ToArray();
    }

    public sealed record Outcome(IReadOnlyList<ImportError> Errors, CatalogueVersion? Created);

    /// <summary>Reads a workbook and, if everything is valid, stores it as the next version.</summary>
    public async Task<Outcome> ImportAsync(Stream input, string createdBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ImportError>();
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, ct);
        List<IDictionary<string, object?>> Read(string sheet, string[] columns)
        {
            buffer.Position = 0;
            var rows = buffer.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
            buffer.Position = 0;
            var headers = buffer.Query(useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().FirstOrDefault()?.Values
                .Select(v => Convert.ToString(v, Inv) ?? "").ToHashSet() ?? [];
            foreach (var missing in columns.Where(c => !headers.Contains(c)))
            {
                errors.Add(new ImportError(sheet, 1, missing, $"見出し「{missing}」の列がありません。"));
            }
            return rows;
        }
        List<IDictionary<string, object?>> versionRows, sectionRows, itemRows;
        try
        {
            buffer.Position = 0;
            var names = buffer.GetSheetNames();
            foreach (var sheet in new[] { VersionSheet, SectionSheet, ItemSheet }.Where(s => !names.Contains(s)))
            {
                errors.Add(new ImportError(sheet, null, null, $"シート「{sheet}」がありません。"));
            }
            if (errors.Count > 0)
            {
                return new Outcome(errors, null);
            }
            versionRows = Read(VersionSheet, VersionColumns);
            sectionRows = Read(SectionSheet, SectionColumns);
            itemRows = Read(ItemSheet, ItemColumns);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            return new Outcome([new ImportError("-", null, null, "XLSXファイルとして読めません。Excelで保存し直したファイルを選んでください。")], null);
        }
        if (errors.Count > 0)
        {
            return new Outcome(errors, null);
        }

        static string Cell(IDictionary<string, object?> row, string column) =>
            row.TryGetValue(column, out var v) && v is not null
                ? (v is double d ? d.ToString("0.############", Inv) : Convert.ToString(v, Inv) ?? "").Trim()
                : "";

        var version = new CatalogueVersion { LabelJa = "" };
        if (versionRows.Count == 0)
        {
            errors.Add(new ImportError(VersionSheet, 2, "名称", "版の名称を入力してください。"));
        }
        else
        {
            var row = versionRows[0];
            version.LabelJa = Cell(row, "名称");
            version.LabelEn = Cell(row, "名称（英語）");
            version.Note = Cell(row, "変更内容");
            var asOf = Cell(row, "法令情報の時点");
            if (DateOnly.TryParseExact(asOf.Length >= 10 ? asOf[..10] : asOf, "yyyy-MM-dd", Inv, DateTimeStyles.None, out var date))
            {
                version.AsOf = date;
            }
            else
            {
                errors.Add(new ImportError(VersionSheet, 2, "C（法令情報の時点）", "日付は 2026-11-26 の形で入力してください。"));
            }
            if (version.LabelJa.Length > 100 || version.LabelEn.Length > 100 || version.Note.Length > 2000)
            {
                errors.Add(new ImportError(VersionSheet, 2, null, "名称は100文字、変更内容は2000文字以内にしてください。"));
            }
        }
        var sectionRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sectionRows.Count; i++)
        {
            var row = sectionRows[i];
            var key = Cell(row, "記号");
            if (key.Length == 0 && row.Values.All(v => v is null || string.IsNullOrWhiteSpace(Convert.ToString(v, Inv))))
            {
                continue;
            }
            sectionRowOf.TryAdd(key, i + 2);
            version.Sections.Add(new CatalogueSection
            {
                Key = key, Order = version.Sections.Count + 1, NameJa = Cell(row, "名称"), NameEn = Cell(row, "名称（英語）"),
                DescriptionJa = Cell(row, "説明"), DescriptionEn = Cell(row, "説明（英語）"),
            });
        }
        var itemRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < itemRows.Count; i++)
        {
            var row = itemRows[i];
            var rowNumber = i + 2;
            var key = Cell(row, "ID");
            if (key.Length == 0 && row.Values.All(v => v is null || string.IsNullOrWhiteSpace(Convert.ToString(v, Inv))))
            {
                continue;
            }
            void Error(string column, string message) => errors.Add(new ImportError(ItemSheet, rowNumber, ColumnName(column), message));
            if (!itemRowOf.TryAdd(key, rowNumber))
            {
                Error("ID", $"項目IDが重複しています（{itemRowOf[key]}行目と同じ）。");
            }
            var item = new CatalogueItem
            {
                Key = key, SectionKey = Cell(row, "区分"), Order = version.Items.Count + 1,
                TextJa = Cell(row, "設問"), TextEn = Cell(row, "設問（英語）"), HelpJa = Cell(row, "解説"), HelpEn = Cell(row, "解説（英語）"),
                Requirement = CatalogueContent.RequirementOf(Cell(row, "法的要件")), Objective = Cell(row, "目的"), Target = Cell(row, "対象"),
                Countries = string.Join(';', Cell(row, "国").Split([';', ',', ' ', '、'], StringSplitOptions.RemoveEmptyEntries).Select(c => c.ToUpperInvariant())),
                Decisive = Cell(row, "法的保護に直結") is "○" or "◯" or "1" or "TRUE" or "true" or "はい",
                RecommendationJa = Cell(row, "推奨事項"), RecommendationEn = Cell(row, "推奨事項（英語）"),
            };
            item.Type = CatalogueContent.TypeOf(Cell(row, "形式"));
            if (!int.TryParse(Cell(row, "重み"), NumberStyles.Integer, Inv, out var weight))
            {
                Error("重み", "重みは整数で入力してください。");
            }
            item.Weight = weight;
            var min = Cell(row, "拠点従業員数の下限");
            if (min.Length > 0)
            {
                if (int.TryParse(min, NumberStyles.Integer, Inv, out var m))
                {
                    item.MinBaseEmployees = m;
                }
                else
                {
                    Error("拠点従業員数の下限", "従業員数の下限は整数で入力してください。");
                }
            }
            var options = new List<ChoiceOption>();
            foreach (var line in Lines(Cell(row, "選択肢")))
            {
                var p = Parts(line);
                if (p.Length != 4 || !double.TryParse(p[3], NumberStyles.Float, Inv, out var score) || !double.IsFinite(score))
                {
                    Error("選択肢", $"選択肢「{line}」は「キー | 日本語 | 英語 | 点数」の形で書いてください。");
                    continue;
                }
                options.Add(new ChoiceOption(p[0], p[1], p[2], score));
            }
            item.SetOptions(options);
            var number = Cell(row, "数値設定");
            if (number.Length > 0)
            {
                var p = Parts(number);
                var thresholds = new List<NumberThreshold>();
                var ok = p.Length == 5 && decimal.TryParse(p[2], NumberStyles.Number, Inv, out var nMin) & decimal.TryParse(p[3], NumberStyles.Number, Inv, out var nMax);
                if (ok)
                {
                    foreach (var t in p[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var kv = t.Split('=', 2);
                        if (kv.Length == 2 && decimal.TryParse(kv[0], NumberStyles.Number, Inv, out var tMin) && double.TryParse(kv[1], NumberStyles.Float, Inv, out var tScore) && double.IsFinite(tScore))
                        {
                            thresholds.Add(new NumberThreshold(tMin, tScore));
                        }
                        else
                        {
                            ok = false;
                        }
                    }
                }
                if (ok)
                {
                    item.SetNumber(new NumberSpec(p[0], p[1], decimal.Parse(p[2], Inv), decimal.Parse(p[3], Inv), thresholds));
                }
                else
                {
                    Error("数値設定", "数値設定は「単位 | 単位（英語） | 最小 | 最大 | 0=0; 50=0.5; 90=1」の形で書いてください。");
                }
            }
            var links = new List<ItemLink>();
            foreach (var line in Lines(Cell(row, "リンク")))
            {
                var p = Parts(line);
                if (p.Length != 4)
                {
                    Error("リンク", $"リンク「{line}」は「manual か template | 参照先 | 日本語 | 英語」の形で書いてください。");
                    continue;
                }
                links.Add(new ItemLink(p[0], p[1], p[2], p[3]));
            }
            item.SetLinks(links);
            version.Items.Add(item);
        }
        {
            // Duplicate ids were reported above with the right row.
            foreach (var e in CatalogueContent.Validate(version).Where(e => !(e.Field == "id" && e.Message.Contains("重複", StringComparison.Ordinal))))
            {
                if (e.ItemKey is { } key && itemRowOf.TryGetValue(key, out var itemRow))
                {
                    errors.Add(new ImportError(ItemSheet, itemRow, FieldColumn(e.Field), e.Message));
                }
                else if (e.ItemKey is { } sectionKey && sectionRowOf.TryGetValue(sectionKey, out var sectionRow))
                {
                    errors.Add(new ImportError(SectionSheet, sectionRow, null, e.Message));
                }
                else
                {
                    errors.Add(new ImportError(e.Field == "labelJa" ? VersionSheet : e.Field == "sections" ? SectionSheet : ItemSheet, e.Field == "labelJa" ? 2 : null, null, e.Message));
                }
            }
        }
        if (errors.Count > 0)
        {
            return new Outcome(errors.Take(ImportError.MaxShown).ToList(), null);
        }
        var now = time.GetUtcNow();
        version.Number = (await db.CatalogueVersions.MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        version.CreatedAt = now;
        version.CreatedByName = createdBy;
        db.CatalogueVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two administrators imported at the same moment: the unique version number refused the second.
            db.ChangeTracker.Clear();
            return new Outcome([new ImportError("-", null, null, "同時に別の版が登録されました。もう一度取り込んでください。")], null);
        }
        cache.Invalidate();
        return new Outcome([], version);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] Parts(string line) => line.Split('|', StringSplitOptions.TrimEntries);

    private static string ColumnName(string column)
    {
        var index = Array.IndexOf(ItemColumns, column);
        return index < 0 ? column : $"{(char)('A' + index)}（{column}）";
    }

    private static string FieldColumn(string field) => ColumnName(field switch
    {
        "id" => "ID",
        "section" => "区分",
        "type" => "形式",
        "ja" => "設問",
        "text" => "解説",
        "weight" => "重み",
        "requirement" => "法的要件",
        "objective" => "目的",
        "target" => "対象",
        "countries" => "国",
        "minBaseEmployees" => "拠点従業員数の下限",
        "options" => "選択肢",
        "number" => "数値設定",
        "recommendationJa" => "推奨事項",
        "links" => "リンク",
        _ => field,
    });
}
