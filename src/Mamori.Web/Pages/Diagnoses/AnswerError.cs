namespace Mamori.Web.Pages.Diagnoses;

[FeatureApi]
public sealed record AnswerError(string ItemKey, string Message);
