namespace Mamori.Domain;

/// <summary>Where the hours of an engagement stand against its allowance.</summary>
public enum AllowanceState
{
    Ok = 0,
    /// <summary>80 % or more used.</summary>
    Warning = 1,
    /// <summary>Over 100 %: only a coordinator with a reason may go there.</summary>
    Over = 2,
}
