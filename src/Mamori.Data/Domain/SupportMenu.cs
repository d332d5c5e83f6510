namespace Mamori.Domain;

/// <summary>Support the applicant asks for; several may be chosen.</summary>
[Flags]
public enum SupportMenu
{
    None = 0,
    /// <summary>ヒアリング（管理状況の確認）.</summary>
    Hearing = 1,
    /// <summary>アドバイス.</summary>
    Advice = 2,
    /// <summary>契約書・規程の確認・改正案作成.</summary>
    ContractDrafting = 4,
    /// <summary>現場確認.</summary>
    SiteCheck = 8,
    /// <summary>研修.</summary>
    Training = 16,
}
