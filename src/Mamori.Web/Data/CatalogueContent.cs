using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mamori.Data;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Data;

/// <summary>The diagnosis catalogue as kept in content/diagnosis/catalogue.json (ja and en). Loaded into an
/// empty database as version 1; later versions are made by administrators (XLSX export, edit, import).</summary>
public static partial class CatalogueContent
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "content", "diagnosis", "catalogue.json");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static readonly IReadOnlyList<string> Objectives = ["access", "takeout", "visibility", "awareness", "trust"];
    public static readonly IReadOnlyList<string> Targets = ["employees", "leavers", "partners", "outsiders"];

    public static async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.CatalogueVersions.AnyAsync(cancellationToken))
        {
            return;
        }
        var version = Load(await File.ReadAllTextAsync(FilePath, cancellationToken));
        var errors = Validate(version);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("content/diagnosis/catalogue.json is invalid:\n" + string.Join('\n', errors));
        }
        version.CreatedAt = DateTimeOffset.UtcNow;
        version.CreatedByName = "content/diagnosis/catalogue.json";
        db.CatalogueVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static CatalogueVersion Load(string json)
    {
        var file = JsonSerializer.Deserialize<FileDto>(json, Json) ?? throw new InvalidOperationException("empty catalogue");
        var version = new CatalogueVersion
        {
            Number = file.Version,
            LabelJa = file.LabelJa ?? "",
            LabelEn = file.LabelEn ?? "",
            AsOf = DateOnly.ParseExact(file.AsOf ?? "2026-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var order = 0;
        foreach (var s in file.Sections ?? [])
        {
            version.Sections.Add(new CatalogueSection
            {
                Key = s.Key ?? "", Order = ++order, NameJa = s.Ja ?? "", NameEn = s.En ?? "",
                DescriptionJa = s.DescriptionJa ?? "", DescriptionEn = s.DescriptionEn ?? "",
            });
        }
        order = 0;
        foreach (var i in file.Items ?? [])
        {
            var item = new CatalogueItem
            {
                Key = i.Id ?? "", SectionKey = i.Section ?? "", Order = ++order,
                Type = TypeOf(i.Type),
                TextJa = i.Ja ?? "", TextEn = i.En ?? "", HelpJa = i.HelpJa ?? "", HelpEn = i.HelpEn ?? "",
                Weight = i.Weight,
                Requirement = RequirementOf(i.Requirement),
                Objective = i.Objective ?? "", Target = i.Target ?? "",
                Countries = string.Join(';', i.Countries ?? []),
                MinBaseEmployees = i.MinBaseEmployees, Decisive = i.Decisive,
                RecommendationJa = i.RecommendationJa ?? "", RecommendationEn = i.RecommendationEn ?? "",
            };
            item.SetOptions(i.Options?.Select(o => new ChoiceOption(o.Key ?? "", o.Ja ?? "", o.En ?? "", o.Score)));
            item.SetNumber(i.Number is { } n
                ? new NumberSpec(n.UnitJa ?? "", n.UnitEn ?? "", n.Min, n.Max, (n.Thresholds ?? []).Select(t => new NumberThreshold(t.Min, t.Score)).ToList())
                : null);
            item.SetLinks(i.Links?.Select(l => new ItemLink(l.Kind ?? "", l.Ref ?? "", l.Ja ?? "", l.En ?? "")));
            version.Items.Add(item);
        }
        return version;
    }

    /// <summary>The answer type of a code as content/ and the catalogue workbook write it; an invalid value
    /// (reported by <see cref="Validate"/>) for an unknown code.</summary>
    public static AnswerType TypeOf(string? code) => code switch
    {
        "scale" => AnswerType.Scale,
        "choice" => AnswerType.Choice,
        "number" => AnswerType.Number,
        "text" => AnswerType.Text,
        _ => (AnswerType)(-1),
    };

    public static string CodeOf(AnswerType type) => type switch
    {
        AnswerType.Scale => "scale",
        AnswerType.Choice => "choice",
        AnswerType.Number => "number",
        _ => "text",
    };

    public static LegalRequirement RequirementOf(string? code) => code switch
    {
        "secrecy" => LegalRequirement.SecrecyManagement,
        "usefulness" => LegalRequirement.Usefulness,
        "nonPublic" => LegalRequirement.NonPublicity,
        null or "" => LegalRequirement.None,
        _ => (LegalRequirement)(-1),
    };

    public static string CodeOf(LegalRequirement requirement) => requirement switch
    {
        LegalRequirement.SecrecyManagement => "secrecy",
        LegalRequirement.Usefulness => "usefulness",
        LegalRequirement.NonPublicity => "nonPublic",
        _ => "",
    };

    [GeneratedRegex("^[A-Z]-[0-9]{2,3}$")]
    private static partial Regex ItemId();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    /// <summary>The message of a repeated item id: the workbook import reports it itself, with both rows.</summary>
    public const string DuplicateItemId = "項目IDが重複しています。";

    /// <summary>Every rule a catalogue version must keep, each naming the item and field; the message is a
    /// <see cref="RuleMessage"/> (Japanese format and arguments) that the page or import localizes.</summary>
    public static IReadOnlyList<CatalogueError> Validate(CatalogueVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var errors = new List<CatalogueError>();
        void Add(string? key, string field, RuleMessage message) => errors.Add(new CatalogueError(key, field, message));

        if (string.IsNullOrWhiteSpace(version.LabelJa))
        {
            Add(null, "labelJa", new RuleMessage("版の名称を入力してください。"));
        }
        var sectionKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in version.Sections)
        {
            if (!Regex.IsMatch(s.Key, "^[A-Z]$"))
            {
                Add(s.Key, "section", new RuleMessage("区分の記号は英大文字1字にしてください。"));
            }
            if (!sectionKeys.Add(s.Key))
            {
                Add(s.Key, "section", new RuleMessage("区分の記号が重複しています。"));
            }
            if (string.IsNullOrWhiteSpace(s.NameJa) || s.NameJa.Length > 100 || s.NameEn.Length > 200 || s.DescriptionJa.Length > 500 || s.DescriptionEn.Length > 1000)
            {
                Add(s.Key, "ja", new RuleMessage("区分名（100文字以内）を入力し、説明は500文字以内にしてください。"));
            }
        }
        if (version.Sections.Count == 0)
        {
            Add(null, "sections", new RuleMessage("区分がありません。"));
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in version.Items)
        {
            var key = i.Key;
            if (!ItemId().IsMatch(key))
            {
                Add(key, "id", new RuleMessage("項目IDは「A-01」の形式にしてください。"));
            }
            else if (!ids.Add(key))
            {
                Add(key, "id", new RuleMessage(DuplicateItemId));
            }
            if (!sectionKeys.Contains(i.SectionKey))
            {
                Add(key, "section", new RuleMessage("区分「{0}」がありません。", i.SectionKey));
            }
            if (!Enum.IsDefined(i.Type))
            {
                Add(key, "type", new RuleMessage("回答形式は scale / choice / number / text のいずれかにしてください。"));
            }
            if (string.IsNullOrWhiteSpace(i.TextJa) || i.TextJa.Length > 500)
            {
                Add(key, "ja", new RuleMessage("設問（日本語）を500文字以内で入力してください。"));
            }
            if (i.TextEn.Length > 1000 || i.HelpJa.Length > 2000 || i.HelpEn.Length > 4000 || i.RecommendationJa.Length > 1000 || i.RecommendationEn.Length > 4000
                || i.OptionsJson.Length > 4000 || i.NumberJson.Length > 2000 || i.LinksJson.Length > 4000 || i.Countries.Length > 200)
            {
                Add(key, "text", new RuleMessage("文章が長すぎます。"));
            }
            if (!Enum.IsDefined(i.Requirement))
            {
                Add(key, "requirement", new RuleMessage("法的要件は secrecy / usefulness / nonPublic か空欄にしてください。"));
            }
            if (i.Objective.Length > 0 && !Objectives.Contains(i.Objective))
            {
                Add(key, "objective", new RuleMessage("対策の目的は access / takeout / visibility / awareness / trust か空欄にしてください。"));
            }
            if (i.Target.Length > 0 && !Targets.Contains(i.Target))
            {
                Add(key, "target", new RuleMessage("対象は employees / leavers / partners / outsiders か空欄にしてください。"));
            }
            if (i.CountryList.Any(c => !CountryCode().IsMatch(c)))
            {
                Add(key, "countries", new RuleMessage("国は ISO 3166-1 の2文字コード（CN;TH）で入力してください。"));
            }
            if (i.MinBaseEmployees is { } m && (m < 1 || i.CountryList.Count == 0))
            {
                Add(key, "minBaseEmployees", new RuleMessage("従業員数の条件は国別項目にだけ、1以上で指定してください。"));
            }
            if (i.Type == AnswerType.Text ? i.Weight != 0 : i.Weight is < 1 or > 5)
            {
                Add(key, "weight", i.Type == AnswerType.Text ? new RuleMessage("自由記述の重みは0にしてください。") : new RuleMessage("重みは1～5にしてください。"));
            }
            if (i.Type != AnswerType.Text && string.IsNullOrWhiteSpace(i.RecommendationJa))
            {
                Add(key, "recommendationJa", new RuleMessage("推奨事項（日本語）を入力してください。"));
            }
            try
            {
                var options = i.Options;
                if (i.Type == AnswerType.Choice)
                {
                    if (options.Count < 2 || options.Any(o => string.IsNullOrWhiteSpace(o.Key) || string.IsNullOrWhiteSpace(o.Ja) || !double.IsFinite(o.Score) || o.Score is < 0 or > 1)
                        || options.Select(o => o.Key).Distinct(StringComparer.Ordinal).Count() != options.Count || !options.Any(o => o.Score >= 1))
                    {
                        Add(key, "options", new RuleMessage("選択肢は2つ以上、キーと名称を入れ、点数は0～1、満点（1）の選択肢を1つ以上にしてください。"));
                    }
                }
                else if (options.Count > 0)
                {
                    Add(key, "options", new RuleMessage("選択肢は回答形式 choice の項目にだけ指定できます。"));
                }
                var number = i.Number;
                if (i.Type == AnswerType.Number)
                {
                    if (number is null || number.Min >= number.Max || number.Thresholds.Count == 0
                        || number.Thresholds.Zip(number.Thresholds.Skip(1)).Any(p => p.First.Min >= p.Second.Min)
                        || number.Thresholds.Any(t => !double.IsFinite(t.Score) || t.Score is < 0 or > 1 || t.Min < number.Min || t.Min > number.Max))
                    {
                        Add(key, "number", new RuleMessage("数値の範囲（min < max）と、昇順で範囲内の閾値（点数0～1）を指定してください。"));
                    }
                }
                else if (number is not null)
                {
                    Add(key, "number", new RuleMessage("数値の設定は回答形式 number の項目にだけ指定できます。"));
                }
                if (i.Links.Any(l => l.Kind is not ("manual" or "template") || string.IsNullOrWhiteSpace(l.Ref)))
                {
                    Add(key, "links", new RuleMessage("リンクの種類は manual / template、参照先を入力してください。"));
                }
            }
            catch (JsonException)
            {
                Add(key, "options", new RuleMessage("選択肢・数値・リンクの書式が正しくありません。"));
            }
        }
        if (version.Items.Count == 0)
        {
            Add(null, "items", new RuleMessage("項目がありません。"));
        }
        return errors;
    }

    private sealed record FileDto(int Version, string? LabelJa, string? LabelEn, string? AsOf, List<SectionDto>? Sections, List<ItemDto>? Items);

    private sealed record SectionDto(string? Key, string? Ja, string? En, string? DescriptionJa, string? DescriptionEn);

    private sealed record ItemDto(
        string? Id, string? Section, string? Type, string? Ja, string? En, string? HelpJa, string? HelpEn, int Weight,
        string? Requirement, string? Objective, string? Target, List<string>? Countries, int? MinBaseEmployees, bool Decisive,
        List<OptionDto>? Options, NumberDto? Number, string? RecommendationJa, string? RecommendationEn, List<LinkDto>? Links);

    private sealed record OptionDto(string? Key, string? Ja, string? En, double Score);

    private sealed record NumberDto(string? UnitJa, string? UnitEn, decimal Min, decimal Max, List<ThresholdDto>? Thresholds);

    private sealed record ThresholdDto(decimal Min, double Score);

    private sealed record LinkDto(string? Kind, string? Ref, string? Ja, string? En);
}
