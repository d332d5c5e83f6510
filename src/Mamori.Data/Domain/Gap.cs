namespace Mamori.Domain;

public sealed record Gap(CatalogueItem Item, string? Value, double Fraction, double Priority)
{
    public double Shortfall => 1 - Fraction;
}
