using System.Globalization;
using System.Text.Encodings.Web;
using Mamori.Domain;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>Hours used against the allowance as a meter with the figures and a warning badge. A plain
/// helper rather than a partial view, written straight to the response: lists render it on every row,
/// a partial cost tens of microseconds each and one concatenated string per row was a tenth of a list
/// request's allocations (docs/benchmarks.md).</summary>
public static class HoursBar
{
    public static IHtmlContent Render(int used, int allowance, IStringLocalizer t) => new Bar(used, allowance, t);

    private sealed class Bar(int used, int allowance, IStringLocalizer t) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var e = Display.Html;
            var percent = Engagement.PercentUsed(used, allowance);
            var state = Engagement.StateFor(used, allowance);
            var inv = CultureInfo.InvariantCulture;
            writer.Write("<span class=\"hours\" title=\"");
            e.Encode(writer, t["支援時間枠に対する使用時間"].Value);
            writer.Write("\"><meter min=\"0\" max=\"");
            writer.Write(allowance.ToString(inv));
            writer.Write("\" low=\"");
            writer.Write(((int)(allowance * Engagement.WarningShare) - 1).ToString(inv));
            writer.Write("\" high=\"");
            writer.Write(allowance.ToString(inv));
            writer.Write("\" optimum=\"0\" value=\"");
            writer.Write(used.ToString(inv));
            writer.Write("\" aria-label=\"");
            e.Encode(writer, t["使用率 {0}%", percent].Value);
            writer.Write("\"></meter><span class=\"txt\">");
            e.Encode(writer, t["{0}／{1}時間", Display.Hours(used), Display.Hours(allowance)].Value);
            writer.Write("</span>");
            switch (state)
            {
                case AllowanceState.Warning:
                    writer.Write("<span class=\"badge-status badge-warn\">");
                    writer.Write(percent.ToString(inv));
                    writer.Write("%</span>");
                    break;
                case AllowanceState.Over:
                    writer.Write("<span class=\"badge-status badge-danger\">");
                    e.Encode(writer, t["超過"].Value);
                    writer.Write(' ');
                    writer.Write(percent.ToString(inv));
                    writer.Write("%</span>");
                    break;
            }
            writer.Write("</span>");
        }
    }
}
