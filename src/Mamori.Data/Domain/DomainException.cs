namespace Mamori.Domain;

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
