namespace Mamori.Domain;

/// <summary>One answer of a diagnosis. Stored with its diagnosis as one JSON document (a diagnosis is read and
/// written whole; one row instead of a hundred keeps a public submission cheap — docs/benchmarks.md).</summary>
public class DiagnosisAnswer
{
    public const int MaxTextLength = 2000;
    public const int MaxNoteLength = 2000;

    public required string ItemKey { get; set; }
    /// <summary>Scale key, option key, invariant number, or the text (sensitive: see <see cref="Diagnosis.Answers"/>).</summary>
    public string Value { get; set; } = "";
    /// <summary>The expert's note on this item (hearings only).</summary>
    public string ExpertNote { get; set; } = "";
    /// <summary>The expert changed the company's own answer.</summary>
    public bool ChangedByExpert { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
