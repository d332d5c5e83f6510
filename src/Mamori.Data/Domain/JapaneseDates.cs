using System.Globalization;

namespace Mamori.Domain;

/// <summary>Japanese date conventions as the program's reports write them.
/// The range mark is always U+FF5E FULLWIDTH TILDE; U+301C WAVE DASH is normalised to it on input.</summary>
public static class JapaneseDates
{
    public const char RangeMark = '\uFF5E';
    private const char WaveDash = '\u301C';

    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");
    private static readonly CultureInfo Wareki = CreateWarekiCulture();

    private static CultureInfo CreateWarekiCulture()
    {
        var culture = (CultureInfo)Japanese.Clone();
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return culture;
    }

    /// <summary>令和4年度 for 2022, 令和元年度 for 2019 (the government named the whole year by the new era),
    /// 昭和63年度 for 1988. The era is the one in force on 31 December of the start year.</summary>
    public static string FiscalYearLabel(int startYear) => EraYear(new DateTime(startYear, 12, 31, 0, 0, 0, DateTimeKind.Unspecified)) + "度";

    /// <summary>令和4年 / 令和元年.</summary>
    public static string EraYear(DateTime date)
    {
        var calendar = Wareki.DateTimeFormat.Calendar;
        var year = calendar.GetYear(date);
        var era = Wareki.DateTimeFormat.GetEraName(calendar.GetEra(date));
        return era + (year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture)) + "年";
    }

    /// <summary>令和4年10月13日(木) or 2022年10月13日(木).</summary>
    public static string Date(DateOnly date, DateStyle style, bool weekday = true)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        var head = style == DateStyle.Wareki ? EraYear(dt) : date.Year.ToString(CultureInfo.InvariantCulture) + "年";
        var text = head + date.Month.ToString(CultureInfo.InvariantCulture) + "月" + date.Day.ToString(CultureInfo.InvariantCulture) + "日";
        return weekday ? text + "(" + Weekday(date) + ")" : text;
    }

    /// <summary>木 for a Thursday.</summary>
    public static string Weekday(DateOnly date) => Japanese.DateTimeFormat.GetAbbreviatedDayName(date.DayOfWeek);

    /// <summary>The reference report's support-period style: 10月13日(木)～2月17日(金), no year on either side.</summary>
    public static string ReportRange(DateOnly from, DateOnly to) =>
        MonthDay(from) + RangeMark + MonthDay(to);

    /// <summary>10月13日(木).</summary>
    public static string MonthDay(DateOnly date) =>
        date.Month.ToString(CultureInfo.InvariantCulture) + "月" + date.Day.ToString(CultureInfo.InvariantCulture) + "日(" + Weekday(date) + ")";

    /// <summary>The reference report's seminar style: 2022年7月13日（水）15：00～16：45 (full-width brackets and colons).</summary>
    public static string ReportDateTimeRange(DateOnly date, TimeOnly start, TimeOnly end) =>
        date.Year.ToString(CultureInfo.InvariantCulture) + "年" + date.Month.ToString(CultureInfo.InvariantCulture) + "月"
        + date.Day.ToString(CultureInfo.InvariantCulture) + "日（" + Weekday(date) + "）"
        + FullWidthTime(start) + RangeMark + FullWidthTime(end);

    /// <summary>15：00 – digits half-width, colon full-width, as the report writes it.</summary>
    public static string FullWidthTime(TimeOnly time) =>
        time.Hour.ToString(CultureInfo.InvariantCulture) + "：" + time.Minute.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>A period in the UI: 令和4年10月13日(木)～令和5年2月17日(金); the year is dropped on the
    /// second date only when both fall in the same calendar year.</summary>
    public static string Range(DateOnly from, DateOnly to, DateStyle style)
    {
        var first = Date(from, style);
        if (from.Year == to.Year && (style == DateStyle.Seireki || EraYear(from.ToDateTime(TimeOnly.MinValue)) == EraYear(to.ToDateTime(TimeOnly.MinValue))))
        {
            return first + RangeMark + MonthDay(to);
        }
        return first + RangeMark + Date(to, style);
    }

    /// <summary>Replaces U+301C WAVE DASH with the one range mark we use (U+FF5E).</summary>
    public static string NormalizeRangeMark(string text) => text.Replace(WaveDash, RangeMark);
}
