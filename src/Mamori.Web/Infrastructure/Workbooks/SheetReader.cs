using System.Globalization;
using Mamori.Domain;

namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>The rows of one sheet and typed getters for their cells. A getter that cannot read a cell records an
/// error naming sheet, Excel row and column (as "F（国コード）") and returns null or a default, so the import goes on
/// and reports every problem of the file in one pass.</summary>
public sealed class SheetReader(string sheet, List<ImportError> errors, IReadOnlyList<string> headers, IReadOnlyList<WorkbookRow> rows)
{
    /// <summary>The mark for "yes" in a workbook cell.</summary>
    public const string Yes = "○";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Sheet { get; } = sheet;

    /// <summary>The non-empty data rows, in sheet order.</summary>
    public IReadOnlyList<WorkbookRow> Rows { get; } = rows;

    /// <summary>A column as the user finds it in Excel: its letter and name, or the bare name if the sheet lacks it.</summary>
    public string ColumnLabel(string name)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i] == name)
            {
                return $"{Letter(i)}（{name}）";
            }
        }
        return name;
    }

    private static string Letter(int index)
    {
        var s = "";
        index++;
        while (index > 0)
        {
            var m = (index - 1) % 26;
            s = (char)('A' + m) + s;
            index = (index - m) / 26;
        }
        return s;
    }

    /// <summary>Records a problem; <paramref name="messageFormat"/> is the Japanese text with {0} placeholders (the localizer key).</summary>
    public void Error(WorkbookRow row, string column, string messageFormat, params object[] arguments) =>
        Error(row?.Number, column, messageFormat, arguments);

    /// <summary>Records a problem at a row number (null: the sheet as a whole) and, when given, a column.</summary>
    public void Error(int? row, string? column, string messageFormat, params object[] arguments) =>
        errors.Add(new ImportError(Sheet, row, column is null ? null : ColumnLabel(column), messageFormat, arguments));

    /// <summary>Records a broken domain rule with its own format and arguments, so it is localized like the rest.</summary>
    public void Error(WorkbookRow row, string column, DomainException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex.MessageFormat.Length == 0)
        {
            Error(row, column, ex.Message);
        }
        else
        {
            Error(row, column, ex.MessageFormat, [.. ex.Arguments]);
        }
    }

    /// <summary>The cell as trimmed text ("" when empty): numbers without exponent, dates as 2022-10-13, TRUE as ○.</summary>
    public static string Cell(WorkbookRow row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.Cells.TryGetValue(column, out var value) || value is null)
        {
            return "";
        }
        var text = value switch
        {
            double d => d.ToString("0.############", Inv),
            DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", Inv) : dt.ToString("yyyy-MM-dd HH:mm:ss", Inv),
            bool b => b ? Yes : "",
            // Text an export guarded against formula injection ('=...) reads as it was written.
            string s => SpreadsheetText.Unguard(s),
            _ => Convert.ToString(value, Inv),
        };
        return text?.Trim() ?? "";
    }

    /// <summary>The cell for the typed getters: null when empty, the wave dash read as our one range mark.</summary>
    private static string? Raw(WorkbookRow row, string column) =>
        Cell(row, column) is { Length: > 0 } text ? JapaneseDates.NormalizeRangeMark(text) : null;

    /// <summary>Null, after recording "required" if it is; the typed getters share this start.</summary>
    private string? RawOrRequired(WorkbookRow row, string column, bool required)
    {
        var raw = Raw(row, column);
        if (raw is null && required)
        {
            Error(row, column, "必須です。");
        }
        return raw;
    }

    public string Text(WorkbookRow row, string column, int max, bool required = false)
    {
        var text = RawOrRequired(row, column, required) ?? "";
        if (text.Length > max)
        {
            Error(row, column, "{0}文字以内にしてください（{1}文字）。", max, text.Length);
            text = text[..max];
        }
        return text;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Int and Long name what a cell is read as, next to Text and Date; the rule is about APIs other .NET languages call")]
    public int? Int(WorkbookRow row, string column, int min, int max, bool required = false)
    {
        if (RawOrRequired(row, column, required) is not { } raw)
        {
            return null;
        }
        if (!int.TryParse(raw, NumberStyles.Integer, Inv, out var value) || value < min || value > max)
        {
            Error(row, column, "{0}～{1}の整数にしてください（「{2}」）。", min, max, raw);
            return null;
        }
        return value;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Int and Long name what a cell is read as, next to Text and Date; the rule is about APIs other .NET languages call")]
    public long? Long(WorkbookRow row, string column)
    {
        if (Raw(row, column) is not { } raw)
        {
            return null;
        }
        if (!long.TryParse(raw, NumberStyles.Integer, Inv, out var value) || value < 0)
        {
            Error(row, column, "0以上の整数にしてください（「{0}」）。", raw);
            return null;
        }
        return value;
    }

    /// <summary>Hours in quarter steps, returned in minutes.</summary>
    public int? Hours(WorkbookRow row, string column, bool required, decimal max)
    {
        if (RawOrRequired(row, column, required) is not { } raw)
        {
            return null;
        }
        if (!decimal.TryParse(raw, NumberStyles.Number, Inv, out var hours) || hours < 0 || hours > max || hours * 4 != decimal.Truncate(hours * 4))
        {
            Error(row, column, "0～{0}時間を0.25時間単位で入力してください（「{1}」）。", max, raw);
            return null;
        }
        return Durations.FromHours(hours);
    }

    public DateOnly? Date(WorkbookRow row, string column, bool required = false)
    {
        if (RawOrRequired(row, column, required) is not { } raw)
        {
            return null;
        }
        if (DateOnly.TryParseExact(raw, ["yyyy-MM-dd", "yyyy/M/d", "yyyy/MM/dd"], Inv, DateTimeStyles.None, out var date))
        {
            return date;
        }
        if (double.TryParse(raw, NumberStyles.Float, Inv, out var serial) && serial is > 1 and < 100000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        Error(row, column, "日付は 2022-10-13 の形式で入力してください（「{0}」）。", raw);
        return null;
    }

    public TimeOnly? Time(WorkbookRow row, string column, bool required = false)
    {
        if (RawOrRequired(row, column, required) is not { } raw)
        {
            return null;
        }
        if (TimeOnly.TryParseExact(raw, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], Inv, DateTimeStyles.None, out var t))
        {
            return t;
        }
        if (double.TryParse(raw, NumberStyles.Float, Inv, out var fraction) && fraction is >= 0 and < 1)
        {
            return TimeOnly.FromTimeSpan(TimeSpan.FromDays(fraction));
        }
        if (DateTime.TryParse(raw, Inv, DateTimeStyles.None, out var dt))
        {
            return TimeOnly.FromDateTime(dt);
        }
        Error(row, column, "時刻は 14:00 の形式で入力してください（「{0}」）。", raw);
        return null;
    }

    /// <summary>Japan-time instant written as 2022-08-22 10:05:00.</summary>
    public DateTimeOffset? Instant(WorkbookRow row, string column, bool required = false)
    {
        if (RawOrRequired(row, column, required) is not { } raw)
        {
            return null;
        }
        if (DateTime.TryParseExact(raw, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-dd"], Inv, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, TimeSpan.FromHours(9)).ToUniversalTime();
        }
        if (double.TryParse(raw, NumberStyles.Float, Inv, out var serial) && serial is > 1 and < 100000)
        {
            return new DateTimeOffset(DateTime.FromOADate(serial), TimeSpan.FromHours(9)).ToUniversalTime();
        }
        Error(row, column, "日時は 2022-08-22 10:05:00（日本時間）の形式で入力してください（「{0}」）。", raw);
        return null;
    }

    public bool Bool(WorkbookRow row, string column)
    {
        var raw = Raw(row, column);
        if (raw is null or "0" or "false" or "FALSE" or "False" or "いいえ" or "no" or "×")
        {
            return false;
        }
        if (raw is Yes or "〇" or "1" or "true" or "TRUE" or "True" or "はい" or "yes")
        {
            return true;
        }
        Error(row, column, "「○」か空欄にしてください（「{0}」）。", raw);
        return false;
    }

    /// <summary>One of <paramref name="values"/>, written as its label (or its code name).</summary>
    public T? Choice<T>(WorkbookRow row, string column, IEnumerable<T> values, Func<T, string> label, bool required = true) where T : struct
    {
        ArgumentNullException.ThrowIfNull(label);
        if (RawOrRequired(row, column, required) is not { } raw)
        {
            return null;
        }
        var candidates = values.ToList();
        foreach (var value in candidates)
        {
            if (label(value) == raw || value.ToString() == raw)
            {
                return value;
            }
        }
        // The labels stay Japanese in every language: they are what the cell must hold.
        Error(row, column, "「{0}」は選べません（{1}）。", raw, string.Join("・", candidates.Select(label)));
        return null;
    }
}
