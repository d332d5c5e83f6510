namespace Mamori.Domain;

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
