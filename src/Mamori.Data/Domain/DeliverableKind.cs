namespace Mamori.Domain;

public enum DeliverableKind
{
    /// <summary>アドバイスメモ.</summary>
    AdviceMemo = 0,
    /// <summary>契約書案.</summary>
    ContractDraft = 1,
    /// <summary>就業規則・社内規程案.</summary>
    RulesDraft = 2,
    /// <summary>新旧対照表.</summary>
    ComparisonTable = 3,
    /// <summary>研修資料.</summary>
    TrainingSlides = 4,
    /// <summary>出席者名簿.</summary>
    AttendanceList = 5,
    /// <summary>報告書.</summary>
    Report = 6,
    /// <summary>その他.</summary>
    Other = 7,
}
