using System.Security.Cryptography;
using System.Text;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>Checking and storing diagnosis answers: one engine for the public self-check, the company's
/// self-check and the expert hearing.</summary>
[FeatureApi]
public static class DiagnosisAnswers
{
    /// <summary>Every problem with a posted answer set, naming the item. Nothing is saved if any.</summary>
    public static IReadOnlyList<AnswerError> Validate(CatalogueSnapshot catalogue, DiagnosisScope scope, PostedAnswers posted)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(posted);
        var errors = new List<AnswerError>();
        foreach (var key in posted.Values.Keys.Concat(posted.Notes.Keys).Concat(posted.ChangedByExpert).Distinct(StringComparer.Ordinal))
        {
            if (!catalogue.ByKey.TryGetValue(key, out var item))
            {
                errors.Add(new AnswerError(key, "項目ID「{0}」は{1}の質問票にありません。", [Truncate(key), catalogue.Version.LabelJa]));
            }
            else if (!item.AppliesTo(scope))
            {
                errors.Add(new AnswerError(key, "項目「{0}」はこの診断の対象の国・拠点には当てはまりません。", [key]));
            }
        }
        foreach (var (key, value) in posted.Values)
        {
            if (value.Length > 0 && catalogue.ByKey.TryGetValue(key, out var item) && item.Validate(value) is { } message)
            {
                errors.Add(new AnswerError(key, message.Format, message.Arguments, Prefixed: true));
            }
        }
        foreach (var (key, note) in posted.Notes)
        {
            if (note.Length > DiagnosisAnswer.MaxNoteLength)
            {
                errors.Add(new AnswerError(key, "メモは{0}文字以内で入力してください。", [DiagnosisAnswer.MaxNoteLength], Prefixed: true));
            }
        }
        return errors;
    }

    /// <summary>Applies posted answers to a tracked diagnosis (answers must be loaded). Empty values remove an answer.
    /// With <paramref name="source"/> (the company's answers a hearing started from), an answer that differs is
    /// marked "changed by expert" automatically.</summary>
    public static void Apply(Diagnosis diagnosis, PostedAnswers posted, DateTimeOffset now, bool expertFields, IReadOnlyDictionary<string, string>? source = null)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        ArgumentNullException.ThrowIfNull(posted);
        var existing = diagnosis.Answers.ToDictionary(a => a.ItemKey, StringComparer.Ordinal);
        var keys = posted.Values.Keys.Concat(expertFields ? posted.Notes.Keys : []).Distinct(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var value = posted.Values.GetValueOrDefault(key, existing.TryGetValue(key, out var e) ? e.Value : "");
            var note = expertFields ? posted.Notes.GetValueOrDefault(key, "") : existing.GetValueOrDefault(key)?.ExpertNote ?? "";
            var changed = expertFields && (posted.ChangedByExpert.Contains(key)
                || source is not null && source.TryGetValue(key, out var before) && before.Length > 0 && value.Length > 0 && before != value);
            if (existing.TryGetValue(key, out var answer))
            {
                if (value.Length == 0 && note.Length == 0)
                {
                    diagnosis.Answers.Remove(answer);
                    continue;
                }
                if (answer.Value != value || answer.ExpertNote != note || answer.ChangedByExpert != changed)
                {
                    answer.Value = value;
                    answer.ExpertNote = note;
                    answer.ChangedByExpert = changed;
                    answer.UpdatedAt = now;
                }
            }
            else if (value.Length > 0 || note.Length > 0)
            {
                diagnosis.Answers.Add(new DiagnosisAnswer { ItemKey = key, Value = value, ExpertNote = note, ChangedByExpert = changed, UpdatedAt = now });
            }
        }
        diagnosis.UpdatedAt = now;
        diagnosis.Version = Guid.NewGuid();
    }

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Truncate(string key) => key.Length > 20 ? key[..20] + "…" : key;
}
