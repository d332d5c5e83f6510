using System.Globalization;
using Mamori.Domain;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>Hours used against the allowance as a meter with the figures and a warning badge. A plain
/// helper rather than a partial view: lists render it on every row, and a partial costs tens of
/// microseconds each (docs/benchmarks.md).</summary>
public static class HoursBar
{
    public static IHtmlContent Render(int used, int allowance, IStringLocalizer t)
    {
        var percent = Engagement.PercentUsed(used, allowance);
        var state = Engagement.StateFor(used, allowance);
        var e = Display.Html;
        var low = (int)(allowance * Engagement.WarningShare) - 1;
        var badge = state switch
        {
            AllowanceState.Warning => string.Create(CultureInfo.InvariantCulture, $"<span class=\"badge-status badge-warn\">{percent}%</span>"),
            AllowanceState.Over => string.Create(CultureInfo.InvariantCulture, $"<span class=\"badge-status badge-danger\">{e.Encode(t["超過"].Value)} {percent}%</span>"),
            _ => "",
        };
        return new HtmlString(string.Create(CultureInfo.InvariantCulture,
            $"<span class=\"hours\" title=\"{e.Encode(t["支援時間枠に対する使用時間"].Value)}\"><meter min=\"0\" max=\"{allowance}\" low=\"{low}\" high=\"{allowance}\" optimum=\"0\" value=\"{used}\" aria-label=\"{e.Encode(t["使用率 {0}%", percent].Value)}\"></meter><span class=\"txt\">{e.Encode(t["{0}／{1}時間", Display.Hours(used), Display.Hours(allowance)].Value)}</span>{badge}</span>"));
    }
}
