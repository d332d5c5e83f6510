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
            if (context?.Request.Cookies[DateStyleCookie] is { } cookie && Enum.TryParse<DateStyle>(cookie, out var fromCookie))
            {
                return fromCookie;
            }
            if (context?.User.FindFirstValue(ClaimsPrincipalExtensions.DateStyleClaim) is { } claim && Enum.TryParse<DateStyle>(claim, out var fromClaim))
            {
                return fromClaim;
            }
            return DateStyle.Wareki;
        }
    }

    public string Date(DateOnly? date) => date is { } d ? (IsEnglish ? d.ToString("d MMM yyyy (ddd)", CultureInfo.GetCultureInfo("en-GB")) : JapaneseDates.Date(d, Style)) : "";

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
        if (from is null && to is null)
        {
            return "";
        }
        if (from is { } f && to is { } t)
        {
            return IsEnglish ? Date(f) + " – " + Date(t) : JapaneseDates.Range(f, t, Style);
        }
        return Date(from) + (IsEnglish ? " – " : JapaneseDates.RangeMark.ToString()) + Date(to);
    }

    public string FiscalYear(int startYear) => IsEnglish
        ? "FY" + startYear.ToString(CultureInfo.InvariantCulture)
        : Style == DateStyle.Wareki ? JapaneseDates.FiscalYearLabel(startYear) : startYear.ToString(CultureInfo.InvariantCulture) + "年度";

    public static string Hours(int minutes) => Durations.Format(minutes);

    public static string Number(long? value) => value?.ToString("#,0", CultureInfo.InvariantCulture) ?? "";

    public static DateTimeOffset ToZone(DateTimeOffset instant, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
}
