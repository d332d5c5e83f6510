using System.Globalization;
using System.Text;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>A server-rendered SVG radar chart of section scores (0–100). No script, so it prints, works under
/// the strict CSP and reads the same in every browser; the figures are also in the table next to it.
/// An optional second series (an earlier diagnosis) is drawn dashed.</summary>
[FeatureApi]
public static class RadarChart
{
    public sealed record Axis(string Label, int? Value, int? Previous = null);

    public static IHtmlContent Render(IReadOnlyList<Axis> axes, string title, string? currentLabel = null, string? previousLabel = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        const double size = 420, cx = 210, cy = 200, r = 140;
        var e = Display.Html;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"<svg class=\"radar\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{e.Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(inv, $"<title>{e.Encode(title)}</title>");
        if (axes.Count < 3)
        {
            sb.Append("</svg>");
            return new HtmlString(sb.ToString());
        }
        (double X, double Y) Point(int i, double value)
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * i / axes.Count;
            return (cx + r * value / 100 * Math.Cos(angle), cy + r * value / 100 * Math.Sin(angle));
        }
        foreach (var ring in new[] { 25, 50, 75, 100 })
        {
            var pts = string.Join(' ', Enumerable.Range(0, axes.Count).Select(i => Point(i, ring)).Select(p => string.Create(inv, $"{p.X:0.#},{p.Y:0.#}")));
            sb.Append(inv, $"<polygon points=\"{pts}\" class=\"grid\" fill=\"none\" stroke=\"#c8ccd2\" stroke-width=\"1\"/>");
        }
        for (var i = 0; i < axes.Count; i++)
        {
            var (x, y) = Point(i, 100);
            sb.Append(inv, $"<line x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:0.#}\" y2=\"{y:0.#}\" stroke=\"#c8ccd2\" stroke-width=\"1\"/>");
            var (lx, ly) = Point(i, 118);
            var anchor = Math.Abs(lx - cx) < 8 ? "middle" : lx < cx ? "end" : "start";
            var value = axes[i].Value is { } v ? v.ToString(inv) : "–";
            sb.Append(inv, $"<text x=\"{lx:0.#}\" y=\"{ly:0.#}\" text-anchor=\"{anchor}\" font-size=\"12\" fill=\"#222\">{e.Encode(axes[i].Label)} <tspan font-weight=\"bold\">{value}</tspan></text>");
        }
        if (axes.Any(a => a.Previous is not null))
        {
            var prev = string.Join(' ', axes.Select((a, i) => Point(i, a.Previous ?? 0)).Select(p => string.Create(inv, $"{p.X:0.#},{p.Y:0.#}")));
            sb.Append(inv, $"<polygon points=\"{prev}\" fill=\"none\" stroke=\"#8a8f98\" stroke-width=\"2\" stroke-dasharray=\"5 4\"><title>{e.Encode(previousLabel ?? "")}</title></polygon>");
        }
        var pts2 = string.Join(' ', axes.Select((a, i) => Point(i, a.Value ?? 0)).Select(p => string.Create(inv, $"{p.X:0.#},{p.Y:0.#}")));
        sb.Append(inv, $"<polygon points=\"{pts2}\" fill=\"rgba(26,95,180,0.25)\" stroke=\"#1a5fb4\" stroke-width=\"2\"><title>{e.Encode(currentLabel ?? title)}</title></polygon>");
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }
}
