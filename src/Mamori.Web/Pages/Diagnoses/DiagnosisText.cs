using Mamori.Domain;
using Mamori.Web.Infrastructure;

namespace Mamori.Web.Pages.Diagnoses;

[FeatureApi]
public static class DiagnosisText
{
    /// <summary>An answer as the reader sees it, in the UI language.</summary>
    public static string Answer(CatalogueItem item, string? value, Microsoft.Extensions.Localization.IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(t);
        if (string.IsNullOrEmpty(value))
        {
            return t["未回答"];
        }
        return item.Type switch
        {
            AnswerType.Scale => t[ScaleAnswers.NameJa(value)],
            AnswerType.Choice => item.Options.FirstOrDefault(o => o.Key == value) is { } o ? Display.Pick(o.Ja, o.En) : value,
            AnswerType.Number => value + (item.Number is { } n ? Display.Pick(n.UnitJa, n.UnitEn) : ""),
            _ => value,
        };
    }
}
