using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mamori.Domain;

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

    /// <summary>Checks a submitted value against the item; returns the problem, or null.</summary>
    public RuleMessage? Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (Type)
        {
            case AnswerType.Scale:
                return ScaleAnswers.All.Contains(value) ? null : new RuleMessage("回答を選択肢から選んでください。");
            case AnswerType.Choice:
                return Options.Any(o => o.Key == value) ? null : new RuleMessage("回答を選択肢から選んでください。");
            case AnswerType.Number:
                if (value.Length > 20 || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d))
                {
                    return new RuleMessage("数値で入力してください。");
                }
                var spec = Number!;
                return d < spec.Min || d > spec.Max
                    ? new RuleMessage("{0}～{1}の範囲で入力してください。", spec.Min.ToString(CultureInfo.InvariantCulture), spec.Max.ToString(CultureInfo.InvariantCulture))
                    : null;
            default:
                return value.Length > DiagnosisAnswer.MaxTextLength ? new RuleMessage("{0}文字以内で入力してください。", DiagnosisAnswer.MaxTextLength) : null;
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
