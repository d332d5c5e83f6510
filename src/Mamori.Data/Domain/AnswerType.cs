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
