using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>The pager under a list: previous / nearby pages / next, and "items x–y of n". A plain helper
/// rather than a partial view, which costs a view lookup and its own buffers on every list page
/// (docs/benchmarks.md).</summary>
public static class Pager
{
    public static IHtmlContent Render(PageInfo paging, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(paging);
        ArgumentNullException.ThrowIfNull(t);
        var e = Display.Html;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(1024);
        if (paging.TotalPages > 1)
        {
            sb.Append(inv, $"<nav aria-label=\"{e.Encode(t["ページ送り"].Value)}\" class=\"no-print\"><ul class=\"pagination pagination-sm\">");
            Item(sb, paging.Page <= 1 ? "disabled" : "", paging.UrlFor(paging.Page - 1), t["前へ"].Value);
            foreach (var p in paging.Window())
            {
                Item(sb, p == paging.Page ? "active" : "", paging.UrlFor(p), p.ToString(inv));
            }
            Item(sb, paging.Page >= paging.TotalPages ? "disabled" : "", paging.UrlFor(paging.Page + 1), t["次へ"].Value);
            sb.Append("</ul></nav>");
        }
        sb.Append(inv, $"<p class=\"text-muted small\">{e.Encode(t["全{0}件中 {1}～{2}件", paging.Total, paging.FirstItem, paging.LastItem].Value)}</p>");
        return new HtmlString(sb.ToString());
    }

    private static void Item(StringBuilder sb, string state, string href, string text)
    {
        var e = Display.Html;
        sb.Append("<li class=\"page-item ").Append(state).Append("\"><a class=\"page-link\" href=\"").Append(e.Encode(href)).Append("\">")
            .Append(e.Encode(text)).Append("</a></li>");
    }
}
