namespace Mamori.Domain;

public enum SessionType
{
    /// <summary>ヒアリング.</summary>
    Hearing = 0,
    /// <summary>アドバイス.</summary>
    Advice = 1,
    /// <summary>文書作成（契約書・規程の改正案等）.</summary>
    DocumentDrafting = 2,
    /// <summary>現場確認.</summary>
    SiteCheck = 3,
    /// <summary>管理職研修.</summary>
    ManagerTraining = 4,
    /// <summary>従業員研修.</summary>
    StaffTraining = 5,
    /// <summary>フォローアップ面談.</summary>
    FollowUp = 6,
    /// <summary>その他.</summary>
    Other = 7,
}
