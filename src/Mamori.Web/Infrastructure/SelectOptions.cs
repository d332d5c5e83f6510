using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Mamori.Web.Infrastructure;

/// <summary>The <c>&lt;option&gt;</c> elements of a filter's <c>&lt;select&gt;</c> as one piece of HTML,
/// written straight to the response. A list page's filters carry a few hundred options (every expert,
/// every year, every country); written option by option, each one costs Razor an attribute write for its
/// value and another for <c>selected</c>, a measurable share of every list request (docs/benchmarks.md).</summary>
public static class SelectOptions
{
    /// <summary>Options for <paramref name="items"/>; the one whose value equals <paramref name="selected"/>
    /// (ordinal) is marked selected. Values and texts are HTML-encoded when written.</summary>
    public static IHtmlContent Render<T>(IEnumerable<T> items, Func<T, string> value, Func<T, string> text, string? selected = null) =>
        new Options<T>(items, value, text, selected);

    /// <summary>The same options rendered once into a string, for lists that are cached and reused.</summary>
    public static HtmlString ToHtmlString(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, Display.Html);
        return new HtmlString(writer.ToString());
    }

    private sealed class Options<T>(IEnumerable<T> items, Func<T, string> value, Func<T, string> text, string? selected) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            // The app's encoder, not the one passed in, so Japanese stays text whatever the caller's default.
            var e = Display.Html;
            foreach (var item in items)
            {
                var v = value(item);
                writer.Write("<option value=\"");
                e.Encode(writer, v);
                writer.Write(selected is not null && string.Equals(v, selected, StringComparison.Ordinal) ? "\" selected=\"selected\">" : "\">");
                e.Encode(writer, text(item));
                writer.Write("</option>");
            }
        }
    }
}
