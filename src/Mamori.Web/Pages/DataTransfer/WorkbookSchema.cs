using Mamori.Web.Infrastructure.Workbooks;

namespace Mamori.Web.Pages.DataTransfer;

/// <summary>The whole-year workbook: one sheet per record type, Japanese headers. docs/import-format.md
/// documents every column; <see cref="YearWorkbook"/> writes and reads exactly these.</summary>
public static class WorkbookSchema
{
    public static readonly SheetLayout Year = new("年度", true,
        ["年度", "事業名", "委託元", "実施機関", "募集開始日", "募集終了日", "支援開始日", "支援終了日", "支援時間枠（時間）", "拠点設立相談（時間）"],
        ["年度", "事業名", "支援時間枠（時間）"]);

    public static readonly SheetLayout Targets = new("対象国", true, ["国コード", "目標社数", "備考"], ["国コード"]);

    public static readonly SheetLayout Companies = new("企業", true,
        ["企業コード", "企業名", "企業名（英語）", "都道府県", "業種", "規模", "従業員数", "資本金（円）", "仮登録"],
        ["企業コード", "企業名", "都道府県", "規模"]);

    public static readonly SheetLayout Bases = new("拠点", true,
        ["拠点コード", "企業コード", "拠点名", "拠点名（現地語）", "種別", "国コード", "州・省コード", "市・地区", "従業員数"],
        ["拠点コード", "企業コード", "拠点名", "種別", "国コード"]);

    public static readonly SheetLayout Contacts = new("担当者", false,
        ["企業コード", "拠点コード", "氏名", "部署", "役職", "メール", "電話", "言語"],
        ["企業コード", "氏名"]);

    public static readonly SheetLayout Experts = new("専門家", true,
        ["専門家コード", "氏名", "氏名（英語）", "所属", "担当国", "言語", "メール", "電話", "契約事務所", "有効"],
        ["専門家コード", "氏名", "担当国"]);

    public static readonly SheetLayout Applications = new("応募", true,
        ["受付番号", "受付日時", "企業コード", "拠点コード", "経路", "希望する支援", "相談内容", "状態",
         "同意_情報の取扱い", "同意_アンケート", "同意_事例公表", "同意_セミナー登壇", "重複元の受付番号"],
        ["受付番号", "受付日時", "企業コード", "拠点コード", "状態"]);

    public static readonly SheetLayout Assets = new("保有情報", false,
        ["受付番号", "順番", "情報の名称", "区分", "媒体", "保管場所", "アクセスできる人", "秘密表示"],
        ["受付番号", "情報の名称"]);

    public static readonly SheetLayout History = new("応募履歴", false,
        ["受付番号", "日時", "変更前", "変更後", "変更者", "理由"],
        ["受付番号", "日時", "変更前", "変更後"]);

    public static readonly SheetLayout Engagements = new("個別支援", true,
        ["支援番号", "受付番号", "企業コード", "拠点コード", "国コード", "状態", "支援開始日", "支援終了日", "支援時間枠（時間）", "使用時間（時間）",
         "専門家コード", "次の予定", "同意_情報の取扱い", "同意_アンケート", "同意_事例公表", "同意_セミナー登壇"],
        ["支援番号", "企業コード", "拠点コード", "国コード", "状態", "支援時間枠（時間）"]);

    public static readonly SheetLayout Sessions = new("活動記録", true,
        ["記録番号", "支援番号", "日付", "開始時刻", "終了時刻", "タイムゾーン", "形式", "種別", "参加者数", "参加者の役割", "言語", "時間", "内容", "枠超過の承認理由", "専門家コード"],
        ["記録番号", "支援番号", "日付", "開始時刻", "終了時刻", "タイムゾーン", "種別", "時間"]);

    public static readonly SheetLayout[] All = [Year, Targets, Companies, Bases, Contacts, Experts, Applications, Assets, History, Engagements, Sessions];
}
