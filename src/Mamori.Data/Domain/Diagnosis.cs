using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mamori.Domain;

public enum AnswerType
{
    /// <summary>はい / 一部 / いいえ / わからない / 該当しない.</summary>
    Scale = 0,
    /// <summary>One option of a list, each with its own score.</summary>
    Choice = 1,
    /// <summary>A number scored by thresholds.</summary>
    Number = 2,
    /// <summary>Free text, not scored.</summary>
    Text = 3,
}

/// <summary>Which of the three legal requirements of a trade secret an item evidences.</summary>
public enum LegalRequirement
{
    None = 0,
    /// <summary>秘密管理性.</summary>
    SecrecyManagement = 1,
    /// <summary>有用性.</summary>
    Usefulness = 2,
    /// <summary>非公知性.</summary>
    NonPublicity = 3,
}

public enum DiagnosisKind
{
    /// <summary>公開セルフチェック（アカウント不要）.</summary>
    PublicSelfCheck = 0,
    /// <summary>企業による事前セルフチェック（応募・個別支援に添付）.</summary>
    CompanySelfCheck = 1,
    /// <summary>専門家によるヒアリング.</summary>
    ExpertHearing = 2,
}

public enum DiagnosisStatus
{
    /// <summary>回答中.</summary>
    InProgress = 0,
    /// <summary>完了.</summary>
    Completed = 1,
}

/// <summary>Fixed answers of a <see cref="AnswerType.Scale"/> item; the stored value is the key.</summary>
public static class ScaleAnswers
{
    public const string Yes = "yes";
    public const string Partly = "partly";
    public const string No = "no";
    public const string Unknown = "unknown";
    public const string NotApplicable = "na";

    public static readonly IReadOnlyList<string> All = [Yes, Partly, No, Unknown, NotApplicable];

    public static string NameJa(string key) => key switch
    {
        Yes => "はい",
        Partly => "一部",
        No => "いいえ",
        Unknown => "わからない",
        NotApplicable => "該当しない",
        _ => key,
    };
}

/// <summary>One immutable edition of the question catalogue. Editing the catalogue creates a new
/// version; a diagnosis keeps the version it was answered with and stays readable forever.</summary>
public class CatalogueVersion
{
    public int Id { get; set; }
    /// <summary>1, 2, 3 … the highest is the one new diagnoses use.</summary>
    public int Number { get; set; }
    public required string LabelJa { get; set; }
    public string LabelEn { get; set; } = "";
    /// <summary>Date the legal statements in the catalogue were checked.</summary>
    public DateOnly AsOf { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    /// <summary>What changed from the previous version.</summary>
    public string Note { get; set; } = "";

    public List<CatalogueSection> Sections { get; set; } = [];
    public List<CatalogueItem> Items { get; set; } = [];
}

public class CatalogueSection
{
    public int Id { get; set; }
    public int CatalogueVersionId { get; set; }
    /// <summary>A, B, C …</summary>
    public required string Key { get; set; }
    public int Order { get; set; }
    public required string NameJa { get; set; }
    public string NameEn { get; set; } = "";
    public string DescriptionJa { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
}

public sealed record ChoiceOption(string Key, string Ja, string En, double Score);

public sealed record NumberThreshold(decimal Min, double Score);

public sealed record NumberSpec(string UnitJa, string UnitEn, decimal Min, decimal Max, IReadOnlyList<NumberThreshold> Thresholds);

public sealed record ItemLink(string Kind, string Ref, string Ja, string En);

/// <summary>One question of a catalogue version. <see cref="Key"/> is the stable id shared by
/// all versions, so answers of two versions can be compared.</summary>
public class CatalogueItem
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Id { get; set; }
    public int CatalogueVersionId { get; set; }
    public required string Key { get; set; }
    public required string SectionKey { get; set; }
    public int Order { get; set; }
    public AnswerType Type { get; set; }
    public required string TextJa { get; set; }
    public string TextEn { get; set; } = "";
    public string HelpJa { get; set; } = "";
    public string HelpEn { get; set; } = "";
    /// <summary>0 for unscored (text) items, 1–5 otherwise.</summary>
    public int Weight { get; set; }
    public LegalRequirement Requirement { get; set; }
    /// <summary>access / takeout / visibility / awareness / trust (METI's five objectives), or empty.</summary>
    public string Objective { get; set; } = "";
    /// <summary>employees / leavers / partners / outsiders (METI's four target groups), or empty.</summary>
    public string Target { get; set; } = "";
    /// <summary>Semicolon-separated ISO codes; when set, the item applies only to a base in one of them.</summary>
    public string Countries { get; set; } = "";
    /// <summary>When set, the item applies only if the base in that country has at least this many employees.</summary>
    public int? MinBaseEmployees { get; set; }
    /// <summary>A weak answer can decide whether the secret is protected at all; such gaps come first.</summary>
    public bool Decisive { get; set; }
    public string OptionsJson { get; set; } = "";
    public string NumberJson { get; set; } = "";
    public string RecommendationJa { get; set; } = "";
    public string RecommendationEn { get; set; } = "";
    public string LinksJson { get; set; } = "";

    public IReadOnlyList<string> CountryList =>
        Countries.Length == 0 ? [] : Countries.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<ChoiceOption> Options =>
        OptionsJson.Length == 0 ? [] : JsonSerializer.Deserialize<List<ChoiceOption>>(OptionsJson, Json) ?? [];

    public NumberSpec? Number =>
        NumberJson.Length == 0 ? null : JsonSerializer.Deserialize<NumberSpec>(NumberJson, Json);

    public IReadOnlyList<ItemLink> Links =>
        LinksJson.Length == 0 ? [] : JsonSerializer.Deserialize<List<ItemLink>>(LinksJson, Json) ?? [];

    public void SetOptions(IEnumerable<ChoiceOption>? options) =>
        OptionsJson = options is null || !options.Any() ? "" : JsonSerializer.Serialize(options.ToList(), Json);

    public void SetNumber(NumberSpec? spec) => NumberJson = spec is null ? "" : JsonSerializer.Serialize(spec, Json);

    public void SetLinks(IEnumerable<ItemLink>? links) =>
        LinksJson = links is null || !links.Any() ? "" : JsonSerializer.Serialize(links.ToList(), Json);

    public bool IsScored => Type != AnswerType.Text && Weight > 0;

    /// <summary>Whether the item is asked for this company's bases.</summary>
    public bool AppliesTo(DiagnosisScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var countries = CountryList;
        if (countries.Count == 0)
        {
            return true;
        }
        foreach (var code in countries)
        {
            if (scope.Bases.TryGetValue(code, out var employees)
                && (MinBaseEmployees is not { } min || employees is not { } n || n >= min))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Checks a submitted value against the item; returns a Japanese message naming the problem, or null.</summary>
    public string? Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (Type)
        {
            case AnswerType.Scale:
                return ScaleAnswers.All.Contains(value) ? null : "回答を選択肢から選んでください。";
            case AnswerType.Choice:
                return Options.Any(o => o.Key == value) ? null : "回答を選択肢から選んでください。";
            case AnswerType.Number:
                if (value.Length > 20 || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d))
                {
                    return "数値で入力してください。";
                }
                var spec = Number!;
                return d < spec.Min || d > spec.Max
                    ? string.Format(CultureInfo.InvariantCulture, "{0}～{1}の範囲で入力してください。", spec.Min, spec.Max)
                    : null;
            default:
                return value.Length > DiagnosisAnswer.MaxTextLength ? $"{DiagnosisAnswer.MaxTextLength}文字以内で入力してください。" : null;
        }
    }

    /// <summary>Score of an answer, 0..1; null when the item is not scored or the answer is "not applicable".</summary>
    public double? Fraction(string? value)
    {
        if (!IsScored || value == ScaleAnswers.NotApplicable)
        {
            return null;
        }
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }
        return Type switch
        {
            AnswerType.Scale => value switch
            {
                ScaleAnswers.Yes => 1,
                ScaleAnswers.Partly => 0.5,
                _ => 0,
            },
            AnswerType.Choice => Options.FirstOrDefault(o => o.Key == value)?.Score ?? 0,
            AnswerType.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
                ? Number!.Thresholds.Where(t => d >= t.Min).Select(t => t.Score).DefaultIfEmpty(0).Last()
                : 0,
            _ => null,
        };
    }

    /// <summary>The answer as a person reads it (Japanese).</summary>
    public string DisplayJa(string? value) => string.IsNullOrEmpty(value) ? "未回答" : Type switch
    {
        AnswerType.Scale => ScaleAnswers.NameJa(value),
        AnswerType.Choice => Options.FirstOrDefault(o => o.Key == value)?.Ja ?? value,
        AnswerType.Number => value + (Number?.UnitJa ?? ""),
        _ => value,
    };
}

/// <summary>Which bases the company has (country → employees at the base, if known). Country items
/// are asked only for these.</summary>
public sealed class DiagnosisScope
{
    public DiagnosisScope(IReadOnlyDictionary<string, int?> bases) => Bases = bases;

    public IReadOnlyDictionary<string, int?> Bases { get; }

    public static DiagnosisScope None { get; } = new(new Dictionary<string, int?>());

    /// <summary>"CN=120;TH=15;VN" (headcount optional).</summary>
    public static DiagnosisScope Parse(string? text)
    {
        var bases = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            bases[kv[0].ToUpperInvariant()] = kv.Length == 2 && int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        return new DiagnosisScope(bases);
    }

    public override string ToString() =>
        string.Join(';', Bases.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => b.Value is { } n ? $"{b.Key}={n.ToString(CultureInfo.InvariantCulture)}" : b.Key));
}

/// <summary>One answered (or partly answered) diagnosis: a public self-check, a company's
/// self-check, or an expert's hearing. It keeps the catalogue version it was answered with.</summary>
public class Diagnosis : IVersioned
{
    public int Id { get; set; }
    public DiagnosisKind Kind { get; set; }
    public DiagnosisStatus Status { get; set; }
    public int CatalogueVersionId { get; set; }
    public int? CompanyId { get; set; }
    public int? EngagementId { get; set; }
    public int? ApplicationId { get; set; }
    /// <summary>The company's self-check a hearing started from.</summary>
    public int? SourceDiagnosisId { get; set; }
    /// <summary>The earlier hearing this one re-assesses.</summary>
    public int? PreviousDiagnosisId { get; set; }
    /// <summary>Bases in scope, <see cref="DiagnosisScope"/> text form.</summary>
    public string Scope { get; set; } = "";
    /// <summary>SHA-256 of the bearer token that opens a public self-check; the token itself is never stored.</summary>
    [NotAudited]
    public string? PublicTokenHash { get; set; }
    /// <summary>Name of the company as typed on a public self-check (optional).</summary>
    public string RespondentCompany { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CreatedByUserId { get; set; }
    public string CreatedByName { get; set; } = "";
    /// <summary>Total score when completed, kept for lists and reports.</summary>
    public int? TotalScore { get; set; }
    public Guid Version { get; set; }

    public CatalogueVersion? CatalogueVersion { get; set; }
    public Company? Company { get; set; }
    public Engagement? Engagement { get; set; }
    public Application? Application { get; set; }
    /// <summary>Stored as one JSON text (answers and expert notes are the company's confidential text: the audit
    /// trail records that they changed, not what they say).</summary>
    [SensitiveText]
    public List<DiagnosisAnswer> Answers { get; set; } = [];
    public List<DiagnosisEvidence> Evidence { get; set; } = [];

    public DiagnosisScope ScopeValue => DiagnosisScope.Parse(Scope);

    public IReadOnlyDictionary<string, string> AnswerMap() =>
        Answers.Where(a => a.Value.Length > 0).ToDictionary(a => a.ItemKey, a => a.Value, StringComparer.Ordinal);
}

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

/// <summary>A file supporting an answer in a hearing (a rule, a signed pledge, a photo of signage).</summary>
public class DiagnosisEvidence
{
    public int Id { get; set; }
    public int DiagnosisId { get; set; }
    public required string ItemKey { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedByName { get; set; } = "";
    public int StoredFileId { get; set; }
    public StoredFile? StoredFile { get; set; }
}

public enum PlanItemStatus
{
    /// <summary>提案.</summary>
    Proposed = 0,
    /// <summary>実施決定.</summary>
    Decided = 1,
    /// <summary>導入済み.</summary>
    Introduced = 2,
    /// <summary>検討を開始.</summary>
    StartedConsidering = 3,
    /// <summary>予定なし.</summary>
    NotPlanned = 4,
}

public enum PlanPriority
{
    /// <summary>高.</summary>
    High = 0,
    /// <summary>中.</summary>
    Medium = 1,
    /// <summary>低.</summary>
    Low = 2,
}

/// <summary>One measure of an engagement's improvement plan (改善計画), usually from a gap of a hearing.
/// Its status is what the closing questionnaire and the annual report count.</summary>
public class PlanItem : IVersioned
{
    public int Id { get; set; }
    public int EngagementId { get; set; }
    public int? DiagnosisId { get; set; }
    /// <summary>The catalogue item (stable id) the measure answers, if any.</summary>
    public string ItemKey { get; set; } = "";
    [SensitiveText]
    public required string Measure { get; set; }
    public string Owner { get; set; } = "";
    public DateOnly? DueDate { get; set; }
    public PlanPriority Priority { get; set; } = PlanPriority.Medium;
    public PlanItemStatus Status { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
    /// <summary>What shows the measure is in place (company's note).</summary>
    [SensitiveText]
    public string EvidenceNote { get; set; } = "";
    public int? EvidenceFileId { get; set; }
    public string EvidenceFileName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public Guid Version { get; set; }

    public Engagement? Engagement { get; set; }

    public bool IsClosed => IsClosedStatus(Status);

    /// <summary>Introduced and not planned end an item; the others are still open.</summary>
    public static bool IsClosedStatus(PlanItemStatus status) => status is PlanItemStatus.Introduced or PlanItemStatus.NotPlanned;
}
