namespace Mamori.Domain;

public sealed record ChoiceOption(string Key, string Ja, string En, double Score);
