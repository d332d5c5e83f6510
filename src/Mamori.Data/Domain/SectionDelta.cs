namespace Mamori.Domain;

public sealed record SectionDelta(CatalogueSection Section, int? Before, int? After)
{
    public int? Delta => Before is { } b && After is { } a ? a - b : null;
}
