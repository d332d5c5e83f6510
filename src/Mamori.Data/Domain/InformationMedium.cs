namespace Mamori.Domain;

public enum InformationMedium
{
    /// <summary>紙.</summary>
    Paper = 0,
    /// <summary>電子データ.</summary>
    Electronic = 1,
    /// <summary>紙と電子データ.</summary>
    Both = 2,
    /// <summary>人の記憶・ノウハウ.</summary>
    Knowledge = 3,
}
