namespace Mamori.Web.Infrastructure;

/// <summary>Sort links: clicking the current column flips the direction.</summary>
public static class SortLinks
{
    public static string Url(HttpRequest request, string column)
    {
        var current = request.Query["sort"].ToString();
        var next = current == column ? "-" + column : column;
        return PageInfo.Url(request, "sort", next);
    }

    public static string Mark(HttpRequest request, string column)
    {
        var current = request.Query["sort"].ToString();
        return current == column ? " ▲" : current == "-" + column ? " ▼" : "";
    }
}
