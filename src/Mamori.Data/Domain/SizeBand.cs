namespace Mamori.Domain;

public enum SizeBand
{
    /// <summary>中小企業.</summary>
    Small = 0,
    /// <summary>中堅企業.</summary>
    MidSize = 1,
    /// <summary>大企業.</summary>
    Large = 2,
}
