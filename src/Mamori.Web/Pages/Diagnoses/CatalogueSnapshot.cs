using Mamori.Domain;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>A catalogue version with its sections and items, read once: versions never change after
/// they are created, so the snapshot is cached for the life of the process.</summary>
[FeatureApi]
public sealed class CatalogueSnapshot
{
    public CatalogueSnapshot(CatalogueVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        Version = version;
        Sections = [.. version.Sections.OrderBy(s => s.Order)];
        Items = [.. version.Items.OrderBy(i => i.Order)];
        ByKey = Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
    }

    public CatalogueVersion Version { get; }
    public IReadOnlyList<CatalogueSection> Sections { get; }
    public IReadOnlyList<CatalogueItem> Items { get; }
    public IReadOnlyDictionary<string, CatalogueItem> ByKey { get; }

    public IEnumerable<CatalogueItem> ItemsFor(DiagnosisScope scope, string sectionKey) =>
        Items.Where(i => i.SectionKey == sectionKey && i.AppliesTo(scope));

    public DiagnosisResult Score(IReadOnlyDictionary<string, string> answers, DiagnosisScope scope) =>
        DiagnosisScoring.Score(Sections, Items, answers, scope);
}
