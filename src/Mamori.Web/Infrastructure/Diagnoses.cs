using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Mamori.Data;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

/// <summary>A catalogue version with its sections and items, read once: versions never change after
/// they are created, so the snapshot is cached for the life of the process.</summary>
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

public sealed class CatalogueCache
{
    private readonly ConcurrentDictionary<int, CatalogueSnapshot> _byId = new();
    private (int Id, DateTimeOffset At)? _current;
    private static readonly TimeSpan CurrentTtl = TimeSpan.FromSeconds(30);

    public async Task<CatalogueSnapshot?> GetAsync(AppDbContext db, int versionId, CancellationToken ct = default)
    {
        if (_byId.TryGetValue(versionId, out var snapshot))
        {
            return snapshot;
        }
        var version = await db.CatalogueVersions.AsNoTracking().AsSplitQuery().Include(v => v.Sections).Include(v => v.Items)
            .SingleOrDefaultAsync(v => v.Id == versionId, ct);
        return version is null ? null : _byId.GetOrAdd(versionId, _ => new CatalogueSnapshot(version));
    }

    /// <summary>The version new diagnoses use: the highest number. Re-read at most every 30 seconds so a
    /// version imported on another instance is picked up.</summary>
    public async Task<CatalogueSnapshot> CurrentAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (_current is { } c && DateTimeOffset.UtcNow - c.At < CurrentTtl && _byId.TryGetValue(c.Id, out var cached))
        {
            return cached;
        }
        var id = await db.CatalogueVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync(ct);
        _current = (id, DateTimeOffset.UtcNow);
        return (await GetAsync(db, id, ct))!;
    }

    private readonly ConcurrentDictionary<int, int> _idByNumber = new();

    /// <summary>The version with this number (as a form posts it), or null.</summary>
    public async Task<CatalogueSnapshot?> ByNumberAsync(AppDbContext db, int number, CancellationToken ct = default)
    {
        if (!_idByNumber.TryGetValue(number, out var id))
        {
            if (await db.CatalogueVersions.Where(v => v.Number == number).Select(v => (int?)v.Id).SingleOrDefaultAsync(ct) is not { } found)
            {
                return null;
            }
            id = _idByNumber.GetOrAdd(number, found);
        }
        return await GetAsync(db, id, ct);
    }

    public void Invalidate() => _current = null;
}

/// <summary>Answers posted from a diagnosis form: a[ITEM]=value, note[ITEM]=expert note, chg[ITEM]=on.</summary>
public sealed record PostedAnswers(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Notes,
    IReadOnlySet<string> ChangedByExpert)
{
    public static PostedAnswers From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, raw) in form)
        {
            var value = raw.Count > 0 ? raw[^1] ?? "" : "";
            if (TryKey(name, "a[", out var key))
            {
                values[key] = value.Trim();
            }
            else if (TryKey(name, "note[", out key))
            {
                notes[key] = value.Trim();
            }
            else if (TryKey(name, "chg[", out key) && value is "on" or "true")
            {
                changed.Add(key);
            }
        }
        return new PostedAnswers(values, notes, changed);
    }

    private static bool TryKey(string name, string prefix, out string key)
    {
        key = "";
        if (name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(']') && name.Length > prefix.Length + 1)
        {
            key = name[prefix.Length..^1];
            return true;
        }
        return false;
    }
}

public sealed record AnswerError(string ItemKey, string Message);

/// <summary>Checking and storing diagnosis answers: one engine for the public self-check, the company's
/// self-check and the expert hearing.</summary>
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
                errors.Add(new AnswerError(key, $"項目ID「{Truncate(key)}」は{catalogue.Version.LabelJa}の質問票にありません。"));
            }
            else if (!item.AppliesTo(scope))
            {
                errors.Add(new AnswerError(key, $"項目「{key}」はこの診断の対象の国・拠点には当てはまりません。"));
            }
        }
        foreach (var (key, value) in posted.Values)
        {
            if (value.Length > 0 && catalogue.ByKey.TryGetValue(key, out var item) && item.Validate(value) is { } message)
            {
                errors.Add(new AnswerError(key, $"{key}: {message}"));
            }
        }
        foreach (var (key, note) in posted.Notes)
        {
            if (note.Length > DiagnosisAnswer.MaxNoteLength)
            {
                errors.Add(new AnswerError(key, $"{key}: メモは{DiagnosisAnswer.MaxNoteLength}文字以内で入力してください。"));
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

/// <summary>What the shared question form (Pages/Shared/_DiagnosisQuestions) renders.</summary>
public sealed record QuestionForm(
    CatalogueSnapshot Catalogue,
    DiagnosisScope Scope,
    IReadOnlyDictionary<string, string> Answers,
    bool ExpertFields = false,
    IReadOnlyDictionary<string, string>? Notes = null,
    IReadOnlySet<string>? Changed = null,
    IReadOnlyDictionary<string, string>? Source = null,
    IReadOnlyDictionary<string, int>? EvidenceCounts = null);

/// <summary>What the shared result view (Pages/Shared/_DiagnosisResult) renders.</summary>
public sealed record ResultView(
    CatalogueSnapshot Catalogue,
    DiagnosisResult Result,
    IReadOnlyDictionary<string, string> Answers,
    int GapLimit = 10,
    Reassessment? Comparison = null,
    string? ComparedWith = null,
    IReadOnlyList<InformationAsset>? Assets = null);

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
