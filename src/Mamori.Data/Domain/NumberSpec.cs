namespace Mamori.Domain;

public sealed record NumberSpec(string UnitJa, string UnitEn, decimal Min, decimal Max, IReadOnlyList<NumberThreshold> Thresholds);
