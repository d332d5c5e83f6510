namespace Mamori.Domain;

public enum DateStyle
{
    /// <summary>和暦: 令和4年10月13日.</summary>
    Wareki = 0,
    /// <summary>西暦: 2022年10月13日.</summary>
    Seireki = 1,
}
