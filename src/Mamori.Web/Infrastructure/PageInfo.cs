using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

/// <summary>Paging state of a list, with links that keep the current filters and sort.</summary>
public sealed class PageInfo
{
    public const int DefaultSize = 25;

    public PageInfo(HttpRequest request, int page, int size, int total)
    {
        Request = request;
        Size = size;
        Total = total;
        TotalPages = Math.Max(1, (int)Math.Ceiling(total / (double)size));
        Page = Math.Clamp(page, 1, TotalPages);
    }

    private HttpRequest Request { get; }
    public int Page { get; }
    public int Size { get; }
    public int Total { get; }
    public int TotalPages { get; }
    public int Skip => (Page - 1) * Size;
    public int FirstItem => Total == 0 ? 0 : Skip + 1;
    public int LastItem => Math.Min(Total, Skip + Size);

    public IEnumerable<int> Window()
    {
        var from = Math.Max(1, Page - 3);
        var to = Math.Min(TotalPages, Page + 3);
        return Enumerable.Range(from, to - from + 1);
    }

    /// <summary>The query key of the page number ("page" is taken: Razor Pages binds it to the page's path).</summary>
    public const string Key = "p";

    public string UrlFor(int page) => Url(Request, Key, page.ToString(CultureInfo.InvariantCulture));

    /// <summary>The current URL with one query value replaced (removed when empty); used by pager and sort links.</summary>
    public static string Url(HttpRequest request, string key, string? value, params string[] drop)
    {
        var query = new QueryBuilder();
        foreach (var (k, v) in request.Query)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase) || drop.Contains(k, StringComparer.OrdinalIgnoreCase)
                || (key != Key && string.Equals(k, Key, StringComparison.OrdinalIgnoreCase))
                || string.Equals(k, "handler", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            foreach (var item in v)
            {
                query.Add(k, item ?? "");
            }
        }
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(key, value);
        }
        return request.PathBase + request.Path + query.ToQueryString().ToString();
    }

    /// <summary>The current list URL with handler=Export, for "XLSX export of exactly what is shown".</summary>
    public static string ExportUrl(HttpRequest request)
    {
        var query = new QueryBuilder();
        foreach (var (k, v) in request.Query)
        {
            if (string.Equals(k, "handler", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            foreach (var item in v)
            {
                query.Add(k, item ?? "");
            }
        }
        query.Add("handler", "Export");
        return request.PathBase + request.Path + query.ToQueryString().ToString();
    }
}
