namespace Mamori.Domain;

public sealed record SectionScore(CatalogueSection Section, int? Score, int Applicable, int Answered);
