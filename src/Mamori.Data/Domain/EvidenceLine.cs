namespace Mamori.Domain;

public sealed record EvidenceLine(CatalogueItem Item, string? Value, EvidenceState State);
