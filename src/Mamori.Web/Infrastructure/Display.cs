using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Mamori.Domain;
using Mamori.Web.Security;

namespace Mamori.Web.Infrastructure;

/// <summary>Formats dates and numbers for the current user: Japanese UI in 和暦 or 西暦 as the user
/// prefers (cookie for visitors, profile for accounts), English UI in "13 Oct 2022 (Thu)".</summary>
public sealed class Display(IHttpContextAccessor accessor)
{
    public const string DateStyleCookie = "mamori-dates";

    /// <summary>The HTML encoder of every page: Japanese stays text instead of numeric character references.</summary>
    public static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Content kept in both languages (catalogue items): English when the UI is English and a text exists.</summary>
    public static string Pick(string ja, string en) => IsEnglish && !string.IsNullOrEmpty(en) ? en : ja;

    private DateStyle? _style;

    /// <summary>Resolved once per request (cookie first, then the account's preference).</summary>
    public DateStyle Style => _style ??= ResolveStyle();

    private DateStyle ResolveStyle()
    {
        {
            var context = accessor.HttpContext;
            if (context?.Request.Cookies[DateStyleCookie] is { } cookie && Enum.TryParse<DateStyle>(cookie, out var fromCookie) && Enum.IsDefined(fromCookie))
            {
                return fromCookie;
            }
            if (context?.User.FindFirstValue(ClaimsPrincipalExtensions.DateStyleClaim) is { } claim && Enum.TryParse<DateStyle>(claim, out var fromClaim) && Enum.IsDefined(fromClaim))
            {
                return fromClaim;
            }
            return DateStyle.Wareki;
        }
    }

    public string Date(DateOnly? date) => date is { } d ? Remembered(d, null, range: false) : "";

    private string FormatDate(DateOnly d) =>
        IsEnglish ? d.ToString("d MMM yyyy (ddd)", CultureInfo.GetCultureInfo("en-GB")) : JapaneseDates.Date(d, Style);

    public string Date(DateTimeOffset? instant, string timeZoneId = "Asia/Tokyo") =>
        instant is { } i ? Date(DateOnly.FromDateTime(ToZone(i, timeZoneId).DateTime)) : "";

    public string DateTime(DateTimeOffset? instant, string timeZoneId = "Asia/Tokyo")
    {
        if (instant is not { } i)
        {
            return "";
        }
        var local = ToZone(i, timeZoneId);
        return Date(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public string Range(DateOnly? from, DateOnly? to)
    {
        if (from is { } f)
        {
            return Remembered(f, to, range: true);
        }
        return to is null ? "" : (IsEnglish ? " – " : JapaneseDates.RangeMark.ToString()) + Date(to);
    }

    private string FormatRange(DateOnly f, DateOnly? to) => to is { } t
        ? (IsEnglish ? Date(f) + " – " + Date(t) : JapaneseDates.Range(f, t, Style))
        : Date(f) + (IsEnglish ? " – " : JapaneseDates.RangeMark.ToString());

    /// <summary>Formatted dates and periods, kept per UI culture and date style: a list shows the same
    /// few support periods on every row and page, and the 和暦 formatting (calendar, era, weekday, five
    /// concatenations) was a tenth of a list request's allocations. Bounded; emptied when full.</summary>
    private static readonly ConcurrentDictionary<(DateOnly, DateOnly?, bool Range, DateStyle, string Culture), string> Formatted = new();

    internal const int FormattedLimit = 20_000;

    internal static int FormattedCount => Formatted.Count;

    private string Remembered(DateOnly first, DateOnly? second, bool range)
    {
        var key = (first, second, range, Style, CultureInfo.CurrentUICulture.Name);
        if (Formatted.TryGetValue(key, out var text))
        {
            return text;
        }
        text = range ? FormatRange(first, second) : FormatDate(first);
        if (Formatted.Count >= FormattedLimit)
        {
            Formatted.Clear();
        }
        Formatted[key] = text;
        return text;
    }

    public string FiscalYear(int startYear) => IsEnglish
        ? "FY" + startYear.ToString(CultureInfo.InvariantCulture)
        : Style == DateStyle.Wareki ? JapaneseDates.FiscalYearLabel(startYear) : startYear.ToString(CultureInfo.InvariantCulture) + "年度";

    public static string Hours(int minutes) => Durations.Format(minutes);

    public static string Number(long? value) => value?.ToString("#,0", CultureInfo.InvariantCulture) ?? "";

    public static DateTimeOffset ToZone(DateTimeOffset instant, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
}
