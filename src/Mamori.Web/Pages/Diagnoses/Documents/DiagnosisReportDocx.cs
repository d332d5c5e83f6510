using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Domain;
using Mamori.Web.Infrastructure;

namespace Mamori.Web.Pages.Diagnoses.Documents;

/// <summary>The diagnosis report as a Japanese Word document: cover, scores with a bar chart per section,
/// the 秘密管理性 evidence check, all gaps with recommendations, the improvement plan, changes since the
/// previous hearing, and the catalogue version. Built with the OpenXML SDK; tests run the validator on it.</summary>
[FeatureApi]
public static class DiagnosisReportDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Font = "Noto Sans CJK JP";

    public static string FileName(DiagnosisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Stem("診断報告書") + ".docx";
    }

    public static byte[] Build(DiagnosisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);
            Cover(body, report);
            Scores(body, report);
            Secrecy(body, report);
            Gaps(body, report);
            Plan(body, report);
            Changes(body, report);
            Answers(body, report);
            body.Append(Para("以上", justify: JustificationValues.Right));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static void Cover(Body body, DiagnosisReport r)
    {
        var d = r.Diagnosis;
        body.Append(Para("営業秘密管理 診断報告書", style: "Title"));
        body.Append(Para(DiagnosisReport.KindJa(d.Kind), style: "Subtitle"));
        var rows = new List<(string, string)>
        {
            ("企業名", r.CompanyName.Length > 0 ? r.CompanyName : "（記載なし）"),
        };
        if (r.Subtitle.Length > 0)
        {
            rows.Add(("対象", r.Subtitle));
        }
        rows.Add(("対象国", d.ScopeValue.Bases.Count == 0 ? "指定なし" : string.Join("、", d.ScopeValue.Bases.Select(b => b.Value is { } n ? $"{b.Key}（{n}人）" : b.Key))));
        rows.Add(("実施日", JapaneseDates.Date(DateOnly.FromDateTime(Display.ToZone(d.CompletedAt ?? d.UpdatedAt, "Asia/Tokyo").DateTime), DateStyle.Wareki)));
        rows.Add(("状態", d.Status == DiagnosisStatus.Completed ? "完了" : "回答中（途中経過）"));
        rows.Add(("質問票", $"{r.Catalogue.Version.LabelJa}（第{r.Catalogue.Version.Number}版、法令情報は{JapaneseDates.Date(r.Catalogue.Version.AsOf, DateStyle.Wareki)}時点）"));
        rows.Add(("総合点", $"{r.Result.Total}点／100点（{DiagnosisReport.BandJa(r.Result.Band)}）"));
        rows.Add(("作成日時", Display.ToZone(r.GeneratedAt, "Asia/Tokyo").ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（日本時間）"));
        body.Append(Table([2600, 7000], null, rows.Select(x => new[] { x.Item1, x.Item2 }), firstColumnBold: true));
        body.Append(Para("この報告書には会社の弱点が記載されています。社外秘として取り扱ってください。", italic: true));
    }

    private static void Scores(Body body, DiagnosisReport r)
    {
        body.Append(Para("1. 得点", style: "Heading1"));
        body.Append(Para($"総合点は{r.Result.Total}点（{DiagnosisReport.BandJa(r.Result.Band)}）です。各項目の回答を、はい＝満点、一部＝半分、いいえ・わからない・未回答＝0点とし、重みを掛けて100点満点に換算しています。「該当しない」は計算から除いています。"));
        if (r.Result.Unanswered > 0)
        {
            body.Append(Para($"未回答が{r.Result.Unanswered}問あります（0点として計算）。"));
        }
        // A bar chart drawn with table cells: prints anywhere and needs no image renderer.
        var rows = r.Result.Sections.Where(s => s.Applicable > 0).Select(s => new[]
        {
            $"{s.Section.Key}. {s.Section.NameJa}",
            s.Score?.ToString(CultureInfo.InvariantCulture) ?? "–",
            Bar(s.Score),
        });
        body.Append(Table([4200, 900, 4500], ["区分", "得点", "グラフ（■＝10点）"], rows));
    }

    private static string Bar(int? score) =>
        score is { } s ? new string('■', (int)Math.Round(s / 10.0, MidpointRounding.AwayFromZero)) + new string('□', 10 - (int)Math.Round(s / 10.0, MidpointRounding.AwayFromZero)) : "";

    private static void Secrecy(Body body, DiagnosisReport r)
    {
        body.Append(Para("2. 秘密管理性の確認", style: "Heading1"));
        body.Append(Para("情報が営業秘密として法的に保護されるには、秘密として管理されていること（秘密管理性）、事業に役立つこと（有用性）、公然と知られていないこと（非公知性）の3つが必要です。会社が管理できるのは主に秘密管理性で、会社の「秘密にしたい」という意思が、表示・アクセス制限・規程・契約などを通じて従業員や取引先に分かる状態になっていることが求められます（不正競争防止法第2条第6項、経済産業省「営業秘密管理指針」）。"));
        body.Append(Para(r.Result.SecrecyAtRisk
            ? "判定：証拠が不足しています。現状では、情報が持ち出されても営業秘密と認められないおそれがあります。"
            : "判定：主な証拠はそろっています。「一部」の項目を仕上げ、記録を残し続けてください。", bold: true));
        body.Append(Table([1100, 7000, 1500], ["項目", "証拠になる対策", "状況"],
            r.Result.SecrecyEvidence.Select(e => new[] { e.Item.Key, e.Item.TextJa, DiagnosisReport.EvidenceJa(e.State) })));
    }

    private static void Gaps(Body body, DiagnosisReport r)
    {
        body.Append(Para("3. 優先して取り組む項目", style: "Heading1"));
        if (r.Result.Gaps.Count == 0)
        {
            body.Append(Para("不足している項目はありません。"));
            return;
        }
        body.Append(Para("重み×不足度の大きい順に並べています。法的な保護を左右する国別の項目を先頭にしています。"));
        var n = 0;
        body.Append(Table([600, 900, 3600, 1100, 3400], ["順位", "項目", "質問", "回答", "推奨する対策"],
            r.Result.Gaps.Select(g => new[]
            {
                (++n).ToString(CultureInfo.InvariantCulture),
                g.Item.Key + (g.Item.Decisive ? "（法的保護に直結）" : ""),
                g.Item.TextJa,
                g.Item.DisplayJa(g.Value),
                g.Item.RecommendationJa,
            })));
    }

    private static void Plan(Body body, DiagnosisReport r)
    {
        body.Append(Para("4. 改善計画", style: "Heading1"));
        if (r.Plan.Count == 0)
        {
            body.Append(Para(r.Diagnosis.Kind == DiagnosisKind.ExpertHearing ? "改善計画はまだ作成されていません。" : "改善計画は、専門家による個別支援の中で作成します。"));
            return;
        }
        body.Append(Table([3600, 1500, 1500, 800, 1600], ["対策", "担当", "期限", "優先度", "状況"],
            r.Plan.Select(p => new[]
            {
                (p.ItemKey.Length > 0 ? $"［{p.ItemKey}］" : "") + p.Measure,
                p.Owner,
                p.DueDate is { } due ? JapaneseDates.Date(due, DateStyle.Wareki) : "",
                DiagnosisReport.PriorityJa(p.Priority),
                DiagnosisReport.PlanStatusJa(p.Status),
            })));
    }

    private static void Changes(Body body, DiagnosisReport r)
    {
        if (r.Comparison is not { } c)
        {
            return;
        }
        body.Append(Para("5. 前回からの変化", style: "Heading1"));
        body.Append(Para($"{r.ComparedWith}。総合点 {c.TotalBefore}点 → {c.TotalAfter}点（{c.TotalDelta:+0;-0;±0}）。"));
        body.Append(Table([4200, 1500, 1500, 1500], ["区分", "前回", "今回", "差"],
            c.Sections.Select(s => new[]
            {
                $"{s.Section.Key}. {s.Section.NameJa}",
                s.Before?.ToString(CultureInfo.InvariantCulture) ?? "–",
                s.After?.ToString(CultureInfo.InvariantCulture) ?? "–",
                s.Delta is { } d ? d.ToString("+0;-0;±0", CultureInfo.InvariantCulture) : "–",
            })));
        if (c.Changes.Count > 0)
        {
            body.Append(Table([900, 4500, 1700, 1700], ["項目", "質問", "前回", "今回"],
                c.Changes.Select(x => new[] { x.Item.Key, x.Item.TextJa, x.Item.DisplayJa(x.Before), x.Item.DisplayJa(x.After) })));
        }
    }

    private static void Answers(Body body, DiagnosisReport r)
    {
        body.Append(Para("付録. 全回答", style: "Heading1"));
        body.Append(Table([900, 5000, 1400, 2300], ["項目", "質問", "回答", "専門家メモ"],
            r.Result.Applicable.Select(i => new[]
            {
                i.Key, i.TextJa, i.DisplayJa(r.Answers.GetValueOrDefault(i.Key)), r.Notes.GetValueOrDefault(i.Key) ?? "",
            })));
    }

    private static Paragraph Para(string text, string? style = null, bool bold = false, bool italic = false, JustificationValues? justify = null)
    {
        var props = new ParagraphProperties();
        if (style is not null)
        {
            props.Append(new ParagraphStyleId { Val = style });
        }
        if (justify is { } j)
        {
            props.Append(new Justification { Val = j });
        }
        var runProps = new RunProperties();
        if (bold)
        {
            runProps.Append(new Bold());
        }
        if (italic)
        {
            runProps.Append(new Italic());
        }
        var run = new Run();
        if (runProps.HasChildren)
        {
            run.Append(runProps);
        }
        run.Append(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        var p = new Paragraph();
        if (props.HasChildren)
        {
            p.Append(props);
        }
        p.Append(run);
        return p;
    }

    /// <summary>Control characters other than tab/newline are not allowed in XML text.</summary>
    private static string Clean(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (System.Xml.XmlConvert.IsXmlChar(c) && (c is '\t' or '\n' or '\r' || !char.IsControl(c)))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static Table Table(int[] widths, string[]? header, IEnumerable<string[]> rows, bool firstColumnBold = false)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4, Color = "999999" },
            new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "999999" },
            new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "999999" },
            new RightBorder { Val = BorderValues.Single, Size = 4, Color = "999999" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "999999" },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "999999" });
        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            border,
            new TableLayout { Type = TableLayoutValues.Fixed }));
        var grid = new TableGrid();
        foreach (var w in widths)
        {
            grid.Append(new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) });
        }
        table.Append(grid);
        if (header is not null)
        {
            table.Append(Row(widths, header, isHeader: true));
        }
        foreach (var row in rows)
        {
            table.Append(Row(widths, row, isHeader: false, firstColumnBold));
        }
        table.Append();
        return table;
    }

    private static TableRow Row(int[] widths, string[] cells, bool isHeader, bool firstColumnBold = false)
    {
        var tr = new TableRow();
        if (isHeader)
        {
            tr.Append(new TableRowProperties(new TableHeader()));
        }
        for (var i = 0; i < widths.Length; i++)
        {
            var cellProps = new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (isHeader)
            {
                cellProps.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E8EEF6" });
            }
            var text = i < cells.Length ? cells[i] : "";
            var cell = new TableCell(cellProps);
            var lines = text.Split('\n');
            foreach (var line in lines)
            {
                cell.Append(Para(line, style: "TableText", bold: isHeader || firstColumnBold && i == 0));
            }
            tr.Append(cell);
        }
        return tr;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var stylesPart = main.AddNewPart<StyleDefinitionsPart>();
        var fonts = new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font };
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(fonts, new FontSize { Val = "20" }, new DocumentFormat.OpenXml.Wordprocessing.Languages { Val = "en-US", EastAsia = "ja-JP" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "80", Line = "300", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(Style("Normal", "Normal", null, null, isDefault: true));
        styles.Append(Style("Title", "Title", "36", new SpacingBetweenLines { Before = "1200", After = "240" }, bold: true, center: true));
        styles.Append(Style("Subtitle", "Subtitle", "26", new SpacingBetweenLines { After = "600" }, center: true));
        styles.Append(Style("Heading1", "heading 1", "26", new SpacingBetweenLines { Before = "360", After = "120" }, bold: true, keepNext: true));
        styles.Append(Style("TableText", "Table Text", "18", new SpacingBetweenLines { After = "0", Line = "260", LineRule = LineSpacingRuleValues.Auto }));
        stylesPart.Styles = styles;
    }

    private static Style Style(string id, string name, string? size, SpacingBetweenLines? spacing, bool bold = false, bool center = false, bool keepNext = false, bool isDefault = false)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }
        style.Append(new StyleName { Val = name });
        if (!isDefault)
        {
            style.Append(new BasedOn { Val = "Normal" });
        }
        style.Append(new PrimaryStyle());
        var pp = new StyleParagraphProperties();
        if (keepNext)
        {
            pp.Append(new KeepNext());
        }
        if (spacing is not null)
        {
            pp.Append(spacing);
        }
        if (center)
        {
            pp.Append(new Justification { Val = JustificationValues.Center });
        }
        if (pp.HasChildren)
        {
            style.Append(pp);
        }
        var rp = new StyleRunProperties();
        if (bold)
        {
            rp.Append(new Bold());
        }
        if (size is not null)
        {
            rp.Append(new FontSize { Val = size });
        }
        if (rp.HasChildren)
        {
            style.Append(rp);
        }
        return style;
    }
}
