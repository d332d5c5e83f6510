using Mamori.Domain;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>What the shared result view (Pages/Shared/_DiagnosisResult) renders.</summary>
[FeatureApi]
public sealed record ResultView(
    CatalogueSnapshot Catalogue,
    DiagnosisResult Result,
    IReadOnlyDictionary<string, string> Answers,
    int GapLimit = 10,
    Reassessment? Comparison = null,
    string? ComparedWith = null,
    IReadOnlyList<InformationAsset>? Assets = null);
