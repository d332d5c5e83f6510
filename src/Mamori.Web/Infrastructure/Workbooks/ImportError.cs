using System.Globalization;

namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>One problem in an imported file, located by sheet, Excel row and column. The message is kept as its
/// Japanese format and arguments, not as finished text, so each user reads it in their own language
/// (<see cref="ImportErrorMessages"/>); sheet and column stay the workbook's own Japanese names.</summary>
public sealed class ImportError(string sheet, int? row, string? column, string messageFormat, params object[] arguments)
{
    /// <summary>How many problems one import reports at most: enough to fix a file in a few rounds, few enough to read.</summary>
    public const int MaxShown = 200;

    public string Sheet { get; } = sheet;

    public int? Row { get; } = row;

    /// <summary>As the user finds it in Excel: "F（国コード）", or the bare name when the column is missing.</summary>
    public string? Column { get; } = column;

    /// <summary>The Japanese text with {0} placeholders: the localizer's key.</summary>
    public string MessageFormat { get; } = messageFormat;

    public IReadOnlyList<object> Arguments { get; } = arguments;

    /// <summary>The Japanese message, for logs and audit; pages show <see cref="ImportErrorMessages.Localize"/>.</summary>
    public string Message => Arguments.Count == 0
        ? MessageFormat
        : string.Format(CultureInfo.InvariantCulture, MessageFormat, [.. Arguments.Select(a => a is Enum e ? Names.OfAny(e) : a)]);

    public override string ToString() =>
        $"{Sheet}{(Row is { } r ? $" {r}行目" : "")}{(Column is null ? "" : $" 「{Column}」")}: {Message}";
}
