using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Workbooks;
using Mamori.Web.Pages.Diagnoses;
using Microsoft.EntityFrameworkCore;

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
        var content = await XlsxFiles.WriteAsync(sheets, ct);
        await db.AuditAsync(AuditActions.Export, "CatalogueVersion", versionId.ToString(Inv), "", ct);
        return content;
    }

    private static readonly SheetLayout VersionLayout = new(VersionSheet, true, VersionColumns, VersionColumns, OtherColumnsAllowed: true);
    private static readonly SheetLayout SectionLayout = new(SectionSheet, true, SectionColumns, SectionColumns, OtherColumnsAllowed: true);
    private static readonly SheetLayout ItemLayout = new(ItemSheet, true, ItemColumns, ItemColumns, OtherColumnsAllowed: true);

    public sealed record Outcome(IReadOnlyList<ImportError> Errors, CatalogueVersion? Created);

    /// <summary>Reads a workbook and, if everything is valid, stores it as the next version.</summary>
    public async Task<Outcome> ImportAsync(Stream input, string createdBy, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        if (await WorkbookFile.OpenAsync(input, errors, ct) is not { } file)
        {
            return new Outcome(errors, null);
        }
        var (versionSheet, sectionSheet, itemSheet) = (file.Read(VersionLayout), file.Read(SectionLayout), file.Read(ItemLayout));
        if (errors.Count > 0)
        {
            return new Outcome(errors, null);
        }
        var version = ReadVersion(versionSheet);
        var sectionRowOf = ReadSections(sectionSheet, version);
        var itemRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in itemSheet.Rows)
        {
            version.Items.Add(ReadItem(itemSheet, row, version.Items.Count + 1, itemRowOf));
        }
        CheckRules(version, versionSheet, sectionSheet, itemSheet, sectionRowOf, itemRowOf);
        if (errors.Count > 0)
        {
            return new Outcome([.. errors.Take(ImportError.MaxShown)], null);
        }
        version.Number = (await db.CatalogueVersions.MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        version.CreatedAt = time.GetUtcNow();
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

    private static CatalogueVersion ReadVersion(SheetReader sheet)
    {
        var version = new CatalogueVersion { LabelJa = "" };
        if (sheet.Rows.Count == 0)
        {
            sheet.Error(2, "名称", "版の名称を入力してください。");
            return version;
        }
        var row = sheet.Rows[0];
        version.LabelJa = SheetReader.Cell(row, "名称");
        version.LabelEn = SheetReader.Cell(row, "名称（英語）");
        version.Note = SheetReader.Cell(row, "変更内容");
        version.AsOf = sheet.Date(row, "法令情報の時点", required: true) ?? default;
        if (version.LabelJa.Length > 100 || version.LabelEn.Length > 100 || version.Note.Length > 2000)
        {
            sheet.Error(row.Number, null, "名称は100文字、変更内容は2000文字以内にしてください。");
        }
        return version;
    }

    /// <summary>Adds the sections; returns the row of each section key, to place the rule checks' findings.</summary>
    private static Dictionary<string, int> ReadSections(SheetReader sheet, CatalogueVersion version)
    {
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var key = SheetReader.Cell(row, "記号");
            rowOf.TryAdd(key, row.Number);
            version.Sections.Add(new CatalogueSection
            {
                Key = key, Order = version.Sections.Count + 1, NameJa = SheetReader.Cell(row, "名称"), NameEn = SheetReader.Cell(row, "名称（英語）"),
                DescriptionJa = SheetReader.Cell(row, "説明"), DescriptionEn = SheetReader.Cell(row, "説明（英語）"),
            });
        }
        return rowOf;
    }

    private static CatalogueItem ReadItem(SheetReader sheet, WorkbookRow row, int order, Dictionary<string, int> rowOf)
    {
        string Cell(string column) => SheetReader.Cell(row, column);
        var key = Cell("ID");
        if (!rowOf.TryAdd(key, row.Number))
        {
            sheet.Error(row, "ID", "項目IDが重複しています（{0}行目と同じ）。", rowOf[key]);
        }
        var item = new CatalogueItem
        {
            Key = key, SectionKey = Cell("区分"), Order = order,
            TextJa = Cell("設問"), TextEn = Cell("設問（英語）"), HelpJa = Cell("解説"), HelpEn = Cell("解説（英語）"),
            Requirement = CatalogueContent.RequirementOf(Cell("法的要件")), Objective = Cell("目的"), Target = Cell("対象"),
            Countries = string.Join(';', Cell("国").Split([';', ',', ' ', '、'], StringSplitOptions.RemoveEmptyEntries).Select(c => c.ToUpperInvariant())),
            Decisive = Cell("法的保護に直結") is "○" or "◯" or "1" or "TRUE" or "true" or "はい",
            RecommendationJa = Cell("推奨事項"), RecommendationEn = Cell("推奨事項（英語）"),
            Type = CatalogueContent.TypeOf(Cell("形式")),
        };
        if (!int.TryParse(Cell("重み"), NumberStyles.Integer, Inv, out var weight))
        {
            sheet.Error(row, "重み", "重みは整数で入力してください。");
        }
        item.Weight = weight;
        if (Cell("拠点従業員数の下限") is { Length: > 0 } min)
        {
            if (int.TryParse(min, NumberStyles.Integer, Inv, out var m))
            {
                item.MinBaseEmployees = m;
            }
            else
            {
                sheet.Error(row, "拠点従業員数の下限", "従業員数の下限は整数で入力してください。");
            }
        }
        item.SetOptions(ReadOptions(sheet, row));
        if (Cell("数値設定") is { Length: > 0 } number)
        {
            if (ReadNumber(number) is { } spec)
            {
                item.SetNumber(spec);
            }
            else
            {
                sheet.Error(row, "数値設定", "数値設定は「単位 | 単位（英語） | 最小 | 最大 | 0=0; 50=0.5; 90=1」の形で書いてください。");
            }
        }
        item.SetLinks(ReadLinks(sheet, row));
        return item;
    }

    private static List<ChoiceOption> ReadOptions(SheetReader sheet, WorkbookRow row)
    {
        var options = new List<ChoiceOption>();
        foreach (var line in Lines(SheetReader.Cell(row, "選択肢")))
        {
            var p = Parts(line);
            if (p.Length != 4 || !double.TryParse(p[3], NumberStyles.Float, Inv, out var score) || !double.IsFinite(score))
            {
                sheet.Error(row, "選択肢", "選択肢「{0}」は「キー | 日本語 | 英語 | 点数」の形で書いてください。", line);
                continue;
            }
            options.Add(new ChoiceOption(p[0], p[1], p[2], score));
        }
        return options;
    }

    /// <summary>"unit | unit (English) | min | max | 0=0; 50=0.5; 90=1", or null when it does not read so.</summary>
    private static NumberSpec? ReadNumber(string text)
    {
        var p = Parts(text);
        if (p.Length != 5 || !decimal.TryParse(p[2], NumberStyles.Number, Inv, out var min) || !decimal.TryParse(p[3], NumberStyles.Number, Inv, out var max))
        {
            return null;
        }
        var thresholds = new List<NumberThreshold>();
        foreach (var t in p[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = t.Split('=', 2);
            if (kv.Length != 2 || !decimal.TryParse(kv[0], NumberStyles.Number, Inv, out var tMin) || !double.TryParse(kv[1], NumberStyles.Float, Inv, out var tScore) || !double.IsFinite(tScore))
            {
                return null;
            }
            thresholds.Add(new NumberThreshold(tMin, tScore));
        }
        return new NumberSpec(p[0], p[1], min, max, thresholds);
    }

    private static List<ItemLink> ReadLinks(SheetReader sheet, WorkbookRow row)
    {
        var links = new List<ItemLink>();
        foreach (var line in Lines(SheetReader.Cell(row, "リンク")))
        {
            var p = Parts(line);
            if (p.Length != 4)
            {
                sheet.Error(row, "リンク", "リンク「{0}」は「manual か template | 参照先 | 日本語 | 英語」の形で書いてください。", line);
                continue;
            }
            links.Add(new ItemLink(p[0], p[1], p[2], p[3]));
        }
        return links;
    }

    /// <summary>The catalogue's own rules (<see cref="CatalogueContent.Validate"/>), each placed at the row of its item or section.</summary>
    private static void CheckRules(CatalogueVersion version, SheetReader versions, SheetReader sections, SheetReader items,
        Dictionary<string, int> sectionRowOf, Dictionary<string, int> itemRowOf)
    {
        // Duplicate ids were reported while reading, with both rows.
        foreach (var e in CatalogueContent.Validate(version).Where(e => e.Message.Format != CatalogueContent.DuplicateItemId))
        {
            if (e.ItemKey is { } key && itemRowOf.TryGetValue(key, out var itemRow))
            {
                items.Error(itemRow, FieldColumn(e.Field), e.Message.Format, e.Message.Arguments);
            }
            else if (e.ItemKey is { } sectionKey && sectionRowOf.TryGetValue(sectionKey, out var sectionRow))
            {
                sections.Error(sectionRow, null, e.Message.Format, e.Message.Arguments);
            }
            else if (e.Field == "labelJa")
            {
                versions.Error(2, null, e.Message.Format, e.Message.Arguments);
            }
            else
            {
                (e.Field == "sections" ? sections : items).Error(default(int?), null, e.Message.Format, e.Message.Arguments);
            }
        }
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] Parts(string line) => line.Split('|', StringSplitOptions.TrimEntries);

    private static string FieldColumn(string field) => field switch
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
    };
}
