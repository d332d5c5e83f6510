namespace Mamori.Domain;

public enum DiagnosisKind
{
    /// <summary>公開セルフチェック（アカウント不要）.</summary>
    PublicSelfCheck = 0,
    /// <summary>企業による事前セルフチェック（応募・個別支援に添付）.</summary>
    CompanySelfCheck = 1,
    /// <summary>専門家によるヒアリング.</summary>
    ExpertHearing = 2,
}
