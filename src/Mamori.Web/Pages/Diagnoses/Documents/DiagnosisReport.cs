using Mamori.Domain;
using Mamori.Web.Infrastructure;

namespace Mamori.Web.Pages.Diagnoses.Documents;

/// <summary>Everything a diagnosis report shows, gathered once for the page, the DOCX and the XLSX.</summary>
[FeatureApi]
public sealed record DiagnosisReport(
    Diagnosis Diagnosis,
    CatalogueSnapshot Catalogue,
    DiagnosisResult Result,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyDictionary<string, string> Notes,
    string CompanyName,
    string Subtitle,
    IReadOnlyList<PlanItem> Plan,
    Reassessment? Comparison,
    string? ComparedWith,
    DateTimeOffset GeneratedAt)
{
    public static string KindJa(DiagnosisKind kind) => kind switch
    {
        DiagnosisKind.PublicSelfCheck => "セルフチェック",
        DiagnosisKind.CompanySelfCheck => "企業セルフチェック",
        _ => "専門家ヒアリング",
    };

    public static string BandJa(ScoreBand band) => band switch
    {
        ScoreBand.Good => "良好",
        ScoreBand.Fair => "おおむね良好",
        ScoreBand.Weak => "要改善",
        _ => "早急な対応が必要",
    };

    public static string PlanStatusJa(PlanItemStatus s) => s switch
    {
        PlanItemStatus.Proposed => "提案",
        PlanItemStatus.Decided => "実施決定",
        PlanItemStatus.Introduced => "導入済み",
        PlanItemStatus.StartedConsidering => "検討を開始",
        _ => "予定なし",
    };

    public static string PriorityJa(PlanPriority p) => p switch
    {
        PlanPriority.High => "高",
        PlanPriority.Medium => "中",
        _ => "低",
    };

    public static string EvidenceJa(EvidenceState s) => s switch
    {
        EvidenceState.Present => "あり",
        EvidenceState.Partial => "一部",
        EvidenceState.Missing => "なし",
        _ => "不明",
    };

    /// <summary>File-name stem: 診断報告書-2026-11-26.</summary>
    public string Stem(string what) =>
        $"{what}-{Display.ToZone(Diagnosis.CompletedAt ?? Diagnosis.UpdatedAt, "Asia/Tokyo"):yyyyMMdd}";
}
