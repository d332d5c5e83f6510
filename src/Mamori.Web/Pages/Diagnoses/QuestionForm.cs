using Mamori.Domain;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>What the shared question form (Pages/Shared/_DiagnosisQuestions) renders.</summary>
[FeatureApi]
public sealed record QuestionForm(
    CatalogueSnapshot Catalogue,
    DiagnosisScope Scope,
    IReadOnlyDictionary<string, string> Answers,
    bool ExpertFields = false,
    IReadOnlyDictionary<string, string>? Notes = null,
    IReadOnlySet<string>? Changed = null,
    IReadOnlyDictionary<string, string>? Source = null,
    IReadOnlyDictionary<string, int>? EvidenceCounts = null);
