using System.Text.Json;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mamori.Data.Configurations;

/// <summary>The answers of a diagnosis as one JSON text in its row (ADR 8), converted by us rather than mapped as
/// EF owned entities: EF tracked each of the ~100 answers as an entity of its own, and that bookkeeping was most
/// of the cost of storing a public self-check (docs/benchmarks.md). The JSON has the same shape as before
/// (an array of objects named after the properties), so stored diagnoses read unchanged.</summary>
public static class DiagnosisAnswersJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(List<DiagnosisAnswer> answers) => JsonSerializer.Serialize(answers, Options);

    public static List<DiagnosisAnswer> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<DiagnosisAnswer>>(json, Options) ?? [];

    public static readonly ValueConverter<List<DiagnosisAnswer>, string> Converter = new(
        v => Write(v),
        v => Read(v));

    /// <summary>Answers are changed in place (a hearing edits them), so the snapshot is a deep copy and equality
    /// compares every field.</summary>
    public static readonly ValueComparer<List<DiagnosisAnswer>> Comparer = new(
        (a, b) => SameAnswers(a, b),
        v => v.Count,
        v => v.Select(Copy).ToList());

    private static DiagnosisAnswer Copy(DiagnosisAnswer a) =>
        new() { ItemKey = a.ItemKey, Value = a.Value, ExpertNote = a.ExpertNote, ChangedByExpert = a.ChangedByExpert, UpdatedAt = a.UpdatedAt };

    private static bool SameAnswers(List<DiagnosisAnswer>? a, List<DiagnosisAnswer>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            var (x, y) = (a[i], b[i]);
            if (x.ItemKey != y.ItemKey || x.Value != y.Value || x.ExpertNote != y.ExpertNote || x.ChangedByExpert != y.ChangedByExpert || x.UpdatedAt != y.UpdatedAt)
            {
                return false;
            }
        }
        return true;
    }
}
