using Mamori.Web.Infrastructure;

namespace Mamori.Web.Pages.Diagnoses.Documents;

/// <summary>The answers of one diagnosis as a workbook: one row per item asked, with section, requirement,
/// answer, score fraction, expert note; a second sheet with the section scores.</summary>
[FeatureApi]
public static class DiagnosisAnswersXlsx
{
    public const string ContentType = XlsxFiles.ContentType;

    public static string FileName(DiagnosisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Stem("診断回答") + ".xlsx";
    }

    public static byte[] Build(DiagnosisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sections = report.Catalogue.Sections.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var answers = report.Result.Applicable.Select(i =>
        {
            var value = report.Answers.GetValueOrDefault(i.Key);
            return new Dictionary<string, object?>
            {
                ["項目ID"] = i.Key,
                ["区分"] = sections.TryGetValue(i.SectionKey, out var s) ? $"{s.Key}. {s.NameJa}" : i.SectionKey,
                ["質問"] = i.TextJa,
                ["回答"] = i.DisplayJa(value),
                ["回答コード"] = value ?? "",
                ["得点率"] = i.Fraction(value),
                ["重み"] = i.Weight,
                ["秘密管理性"] = i.Requirement == Mamori.Domain.LegalRequirement.SecrecyManagement ? "○" : "",
                ["国"] = i.Countries,
                ["専門家メモ"] = report.Notes.GetValueOrDefault(i.Key) ?? "",
            };
        }).ToList();
        var scores = report.Result.Sections.Where(x => x.Applicable > 0).Select(x => new Dictionary<string, object?>
        {
            ["区分"] = $"{x.Section.Key}. {x.Section.NameJa}",
            ["得点"] = x.Score,
            ["回答数"] = x.Answered,
            ["設問数"] = x.Applicable,
        }).ToList();
        scores.Add(new Dictionary<string, object?> { ["区分"] = "総合", ["得点"] = report.Result.Total, ["回答数"] = report.Result.Answered, ["設問数"] = report.Result.Applicable.Count });
        var sheets = new Dictionary<string, object>
        {
            ["回答"] = answers,
            ["得点"] = scores,
        };
        return XlsxFiles.Write(sheets);
    }
}
