namespace Mamori.Domain;

public sealed record NumberThreshold(decimal Min, double Score);
