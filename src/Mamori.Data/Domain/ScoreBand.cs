namespace Mamori.Domain;

/// <summary>Score bands, in the spirit of IPA's self-diagnosis (a 100-point total read in four bands).</summary>
public enum ScoreBand
{
    /// <summary>85–100.</summary>
    Good = 0,
    /// <summary>65–84.</summary>
    Fair = 1,
    /// <summary>40–64.</summary>
    Weak = 2,
    /// <summary>0–39.</summary>
    Critical = 3,
}
