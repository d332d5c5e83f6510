using System.Globalization;
using System.Security.Claims;
using Mamori.Domain;
using Mamori.Web;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Mamori.Tests;

/// <summary>The list pages' hand-written HTML helpers (options, hours meter) and the remembered date
/// formatting: same output as the markup they replace, encoded, and right per culture and date style.</summary>
public class RenderingHelperTests
{
    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    private static IStringLocalizer Localizer() =>
        new ServiceCollection().AddLogging().AddMamoriLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public void Options_encode_values_and_texts_and_mark_only_the_selected_one()
    {
        var items = new[] { ("1", "専門家 <A&B>"), ("a\"b&c", "\"quoted\""), ("12", "十二") };
        var html = Html(SelectOptions.Render(items, x => x.Item1, x => x.Item2, "1"));
        Assert.Equal(
            "<option value=\"1\" selected=\"selected\">専門家 &lt;A&amp;B&gt;</option><option value=\"a&quot;b&amp;c\">&quot;quoted&quot;</option><option value=\"12\">十二</option>",
            html);
        Assert.Contains("<option value=\"a&quot;b&amp;c\" selected=\"selected\">", Html(SelectOptions.Render(items, x => x.Item1, x => x.Item2, "a\"b&c")), StringComparison.Ordinal);
        Assert.DoesNotContain("selected", Html(SelectOptions.Render(items, x => x.Item1, x => x.Item2)), StringComparison.Ordinal);
        Assert.DoesNotContain("selected", Html(SelectOptions.Render(items, x => x.Item1, x => x.Item2, "3")), StringComparison.Ordinal);
        Assert.Equal(html, SelectOptions.ToHtmlString(SelectOptions.Render(items, x => x.Item1, x => x.Item2, "1")).Value);
    }

    [Theory]
    [InlineData(600, 1380, null)]
    [InlineData(1170, 1380, "<span class=\"badge-status badge-warn\">84%</span>")]
    [InlineData(1500, 1380, "<span class=\"badge-status badge-danger\">超過 108%</span>")]
    public void Hours_meter_shows_used_against_allowance_with_the_warning_badge(int used, int allowance, string? badge)
    {
        var html = InCulture("ja", () => Html(HoursBar.Render(used, allowance, Localizer())));
        Assert.StartsWith("<span class=\"hours\" title=\"支援時間枠に対する使用時間\"><meter min=\"0\" max=\"1380\" low=\"1103\" high=\"1380\" optimum=\"0\" value=\"" + used + "\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"txt\">" + Durations.Format(used) + "／23時間</span>", html, StringComparison.Ordinal);
        Assert.EndsWith((badge ?? "") + "</span>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"使用率 " + Engagement.PercentUsed(used, allowance) + "%\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("時間", InCulture("en", () => Html(HoursBar.Render(used, allowance, Localizer()))), StringComparison.Ordinal);
    }

    private static Display DisplayFor(DateStyle? style)
    {
        var context = new DefaultHttpContext();
        if (style is { } s)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimsPrincipalExtensions.DateStyleClaim, s.ToString())], "test"));
        }
        return new Display(new HttpContextAccessor { HttpContext = context });
    }

    [Fact]
    public void Remembered_dates_follow_the_culture_and_the_date_style_of_each_request()
    {
        var from = new DateOnly(2022, 10, 13);
        var to = new DateOnly(2023, 2, 17);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("令和4年10月13日(木)～令和5年2月17日(金)", InCulture("ja", () => DisplayFor(DateStyle.Wareki).Range(from, to)));
            Assert.Equal("2022年10月13日(木)～2023年2月17日(金)", InCulture("ja", () => DisplayFor(DateStyle.Seireki).Range(from, to)));
            Assert.Equal("13 Oct 2022 (Thu) – 17 Feb 2023 (Fri)", InCulture("en", () => DisplayFor(DateStyle.Wareki).Range(from, to)));
            Assert.Equal("令和4年10月13日(木)", InCulture("ja", () => DisplayFor(null).Date(from)));
            Assert.Equal("2022年10月13日(木)", InCulture("ja", () => DisplayFor(DateStyle.Seireki).Date(from)));
            Assert.Equal("令和4年10月13日(木)～", InCulture("ja", () => DisplayFor(DateStyle.Wareki).Range(from, null)));
            Assert.Equal("～令和5年2月17日(金)", InCulture("ja", () => DisplayFor(DateStyle.Wareki).Range(null, to)));
            Assert.Equal("", InCulture("ja", () => DisplayFor(DateStyle.Wareki).Range(null, null)));
            Assert.Equal("", DisplayFor(null).Date((DateOnly?)null));
        }
    }

    [Fact]
    public void A_date_style_that_does_not_exist_falls_back_to_wareki()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = Display.DateStyleCookie + "=918273";
        var display = new Display(new HttpContextAccessor { HttpContext = context });
        Assert.Equal(DateStyle.Wareki, display.Style);
        Assert.Equal("令和4年10月13日(木)", InCulture("ja", () => display.Date(new DateOnly(2022, 10, 13))));
    }

    [Fact]
    public void Remembered_dates_stay_bounded()
    {
        var display = DisplayFor(DateStyle.Seireki);
        var start = new DateOnly(1990, 1, 1);
        for (var i = 0; i < Display.FormattedLimit + 10; i++)
        {
            var day = start.AddDays(i);
            Assert.Equal(JapaneseDates.Date(day, DateStyle.Seireki), InCulture("ja", () => display.Date(day)));
        }
        Assert.True(Display.FormattedCount <= Display.FormattedLimit);
    }
}
