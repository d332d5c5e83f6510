namespace Mamori.Domain;

public enum InformationCategory
{
    /// <summary>技術情報（図面、製造ノウハウ、研究データ等）.</summary>
    Technical = 0,
    /// <summary>営業情報（顧客リスト、価格、仕入先等）.</summary>
    Business = 1,
    /// <summary>人事・管理情報.</summary>
    Management = 2,
    /// <summary>その他.</summary>
    Other = 3,
}
