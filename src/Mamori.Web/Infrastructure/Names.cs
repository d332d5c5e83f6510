using Mamori.Domain;

namespace Mamori.Web.Infrastructure;

/// <summary>Japanese and English names of the enums the UI shows.</summary>
public static class Names
{
    public static string Of(SizeBand v) => v switch
    {
        SizeBand.Small => "中小企業",
        SizeBand.MidSize => "中堅企業",
        SizeBand.Large => "大企業",
        _ => v.ToString(),
    };

    public static string Of(BaseType v) => v switch
    {
        BaseType.LocalCorporation => "現地法人",
        BaseType.Factory => "工場",
        BaseType.RepresentativeOffice => "駐在員事務所",
        BaseType.Planned => "進出予定",
        _ => v.ToString(),
    };

    public static string Of(ApplicationStatus v) => Application.StatusNameJa(v);

    public static string Of(EngagementStatus v) => Engagement.StatusNameJa(v);

    public static string Of(SessionType v) => EngagementSession.TypeNameJa(v);

    public static string Of(SessionMode v) => v == SessionMode.Online ? "オンライン" : "現地訪問";

    public static string Of(ApplicationChannel v) => v switch
    {
        ApplicationChannel.PublicForm => "Web応募フォーム",
        ApplicationChannel.Coordinator => "事務局入力",
        ApplicationChannel.Import => "一括取込",
        _ => v.ToString(),
    };

    public static string Of(InformationCategory v) => v switch
    {
        InformationCategory.Technical => "技術情報",
        InformationCategory.Business => "営業情報",
        InformationCategory.Management => "人事・管理情報",
        InformationCategory.Other => "その他",
        _ => v.ToString(),
    };

    public static string Of(InformationMedium v) => v switch
    {
        InformationMedium.Paper => "紙",
        InformationMedium.Electronic => "電子データ",
        InformationMedium.Both => "紙と電子データ",
        InformationMedium.Knowledge => "人の記憶・ノウハウ",
        _ => v.ToString(),
    };

    public static string Of(DeliverableKind v) => v switch
    {
        DeliverableKind.AdviceMemo => "アドバイスメモ",
        DeliverableKind.ContractDraft => "契約書案",
        DeliverableKind.RulesDraft => "就業規則・社内規程案",
        DeliverableKind.ComparisonTable => "新旧対照表",
        DeliverableKind.TrainingSlides => "研修資料",
        DeliverableKind.AttendanceList => "出席者名簿",
        DeliverableKind.Report => "報告書",
        DeliverableKind.Other => "その他",
        _ => v.ToString(),
    };

    public static readonly (SupportMenu Flag, string Ja)[] MenuItems =
    [
        (SupportMenu.Hearing, "ヒアリング（管理状況の確認）"),
        (SupportMenu.Advice, "アドバイス"),
        (SupportMenu.ContractDrafting, "契約書・規程の確認・改正案作成"),
        (SupportMenu.SiteCheck, "現場確認"),
        (SupportMenu.Training, "研修（管理職・従業員）"),
    ];

    /// <summary>Short menu labels for tables.</summary>
    public static string MenuLabel(SupportMenu v) => v switch
    {
        SupportMenu.Hearing => "ヒアリング",
        SupportMenu.Advice => "アドバイス",
        SupportMenu.ContractDrafting => "契約書・規程",
        SupportMenu.SiteCheck => "現場確認",
        SupportMenu.Training => "研修",
        _ => v.ToString(),
    };

    /// <summary>The Japanese name of any enum value the UI shows (the key its English comes from); other values as they are.</summary>
    public static string OfAny(Enum value) => value switch
    {
        SizeBand v => Of(v),
        BaseType v => Of(v),
        ApplicationStatus v => Of(v),
        EngagementStatus v => Of(v),
        SessionType v => Of(v),
        SessionMode v => Of(v),
        ApplicationChannel v => Of(v),
        InformationCategory v => Of(v),
        InformationMedium v => Of(v),
        DeliverableKind v => Of(v),
        SupportMenu v => MenuLabel(v),
        _ => value.ToString(),
    };

    public static string StatusCss(ApplicationStatus v) => "s-" + v.ToString().ToLowerInvariant();

    public static string StatusCss(EngagementStatus v) => "s-" + v.ToString().ToLowerInvariant();
}
