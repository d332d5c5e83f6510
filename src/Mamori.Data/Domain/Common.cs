namespace Mamori.Domain;

/// <summary>An aggregate edited through forms; the version is the optimistic-concurrency token,
/// renewed on every save so a stale form is detected instead of silently overwriting.</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

/// <summary>Marks free text that may describe a company's weaknesses: the audit trail records
/// that it changed, never the text itself.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveTextAttribute : Attribute;

/// <summary>Marks properties the audit trail never records (hashes, stamps, blobs).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>A rule of the program was broken. <see cref="Field"/> names the input it concerns, if any.
/// <see cref="MessageFormat"/> is the Japanese text with {0}-style placeholders and is the localizer's key;
/// <see cref="Arguments"/> fill it (an enum argument is shown by its localized name). The Web layer localizes
/// both; <see cref="Exception.Message"/> is the Japanese text, for logs.</summary>
public sealed class DomainException : Exception
{
    public DomainException(string messageFormat, string? field, params object[] arguments)
        : base(string.Format(System.Globalization.CultureInfo.InvariantCulture, messageFormat, arguments))
    {
        MessageFormat = messageFormat;
        Field = field;
        Arguments = arguments;
    }

    public DomainException(string message) : this(message, null, []) { }

    public DomainException() : this("", null, []) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) => MessageFormat = message;

    public string MessageFormat { get; } = "";

    public IReadOnlyList<object> Arguments { get; } = [];

    public string? Field { get; }
}

public enum DateStyle
{
    /// <summary>和暦: 令和4年10月13日.</summary>
    Wareki = 0,
    /// <summary>西暦: 2022年10月13日.</summary>
    Seireki = 1,
}

/// <summary>Durations are stored as whole minutes so both databases can sum and compare them exactly.</summary>
public static class Durations
{
    public static int FromHours(decimal hours) => (int)Math.Round(hours * 60m, MidpointRounding.AwayFromZero);

    public static decimal ToHours(int minutes) => minutes / 60m;

    /// <summary>"23", "1.5", "0.25" – hours without trailing zeros, invariant.</summary>
    public static string Format(int minutes) =>
        ToHours(minutes).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
