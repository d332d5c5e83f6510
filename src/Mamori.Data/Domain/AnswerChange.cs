namespace Mamori.Domain;

public sealed record AnswerChange(CatalogueItem Item, string? Before, string? After, double? FractionBefore, double? FractionAfter)
{
    public bool Improved => (FractionAfter ?? 0) > (FractionBefore ?? 0);
    public bool Worsened => (FractionAfter ?? 0) < (FractionBefore ?? 0);
}
