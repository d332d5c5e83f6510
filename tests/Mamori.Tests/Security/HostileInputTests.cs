using System.Net;
using AngleSharp.Html.Dom;
using Mamori.Tests.Infrastructure;

namespace Mamori.Tests.Security;

/// <summary>Every form the administrator can reach is posted with hostile values in every field (script,
/// SQL, control characters, huge and out-of-range numbers). Whatever happens must not be a 5xx, and no
/// payload may come back as live markup.</summary>
public class HostileInputTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    private static readonly string[] Payloads =
    [
        "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>",
        "'; DROP TABLE Companies; --",
        "\u0000\u0001\u202e\ud83d\ude00",
        new string('長', 5000),
        "-99999999999999999999",
        "2022-13-45T25:61",
    ];

    public static TheoryData<int> Pages() => [.. AccessMatrixTests.ReadMatrix().Where(r => r.Method == "GET" && !r.Path.Contains("Download", StringComparison.Ordinal)).Select(r => r.Line)];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Hostile_values_in_every_form_never_cause_a_server_error(int line)
    {
        var row = AccessMatrixTests.ReadMatrix().Single(r => r.Line == line);
        var admin = await fixture.ClientAsync("administrator");
        var url = fixture.Resolve(row.Path, foreign: false) + (row.Handler is null ? "" : "?handler=" + row.Handler);
        var page = await admin.GetAsync(url);
        if (page.StatusCode != HttpStatusCode.OK || page.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return;
        }
        var document = await AppClient.ParseAsync(page);
        var forms = document.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
            .Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var form in forms)
        {
            var names = form.Elements.Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n) && n != "__RequestVerificationToken").Distinct().ToList();
            foreach (var payload in Payloads)
            {
                var fields = names.ToDictionary(n => n!, _ => payload);
                // Re-read the page each time: a successful post may have changed it.
                var fresh = await AppClient.ParseAsync(await admin.GetAsync(url));
                var target = fresh.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.GetAttribute("action") == form.GetAttribute("action"));
                if (target is null)
                {
                    continue;
                }
                var response = await admin.PostFormAsync(target, fields);
                Assert.True((int)response.StatusCode < 500, $"{form.GetAttribute("action")} with {payload[..Math.Min(20, payload.Length)]}: {(int)response.StatusCode}");
                if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    var result = await AppClient.ParseAsync(response);
                    Assert.Empty(result.QuerySelectorAll("script:not([src])"));
                    Assert.Empty(result.QuerySelectorAll("img[onerror]"));
                }
            }
        }
    }
}

public class HostileQueryTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    public static TheoryData<int> Pages() => [.. AccessMatrixTests.ReadMatrix().Where(r => r.Method == "GET" && r.Handler is null).Select(r => r.Line)];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Hostile_query_strings_never_cause_a_server_error(int line)
    {
        var row = AccessMatrixTests.ReadMatrix().Single(r => r.Line == line);
        var admin = await fixture.ClientAsync("administrator");
        var url = fixture.Resolve(row.Path, foreign: false);
        const string query = "?year=%3Cscript%3E&country=ZZ%27--&status=999&expert=-1&q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&sort=%3Cx%3E&p=-5&size=999999&from=2022-99-99&to=x&role=Administrator%27";
        var response = await admin.GetAsync(url + query);
        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var page = await AppClient.ParseAsync(response);
            Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        }
        var huge = await admin.GetAsync(url + "?p=2147483647&year=2147483647");
        Assert.True((int)huge.StatusCode < 500, $"{url} (huge page): {(int)huge.StatusCode}");
    }

    public static TheoryData<int> AllPages() =>
        // Not the sign-out: Razor Pages falls back to a page's unnamed OnPost for an unknown name, which is right there,
        // and would end the session these cases share.
        [.. AccessMatrixTests.ReadMatrix().Where(r => r.Path != "/Account/Logout").GroupBy(r => r.Path).Select(g => g.First().Line)];

    /// <summary>A handler the page does not have answers 404 on GET and POST (with a valid token), never a 500: Razor
    /// Pages ran no handler and rendered the page with nothing loaded (found by the wapiti baseline on the engagement
    /// pages; <see cref="Mamori.Web.Infrastructure.UnknownHandlerFilter"/>).</summary>
    [Theory]
    [MemberData(nameof(AllPages))]
    public async Task An_unknown_handler_never_causes_a_server_error(int line)
    {
        var row = AccessMatrixTests.ReadMatrix().Single(r => r.Line == line);
        var admin = await fixture.ClientAsync("administrator");
        var url = fixture.Resolve(row.Path, foreign: false);
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var get = await admin.GetAsync(url + separator + "handler=NoSuchHandler");
        Assert.True((int)get.StatusCode < 500, $"GET {url}: {(int)get.StatusCode}");
        var token = (await admin.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await admin.Http.PostAsync(url + separator + "handler=NoSuchHandler",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.True((int)post.StatusCode < 500, $"POST {url}: {(int)post.StatusCode}");
        if (url.StartsWith("/Engagements/Details/", StringComparison.Ordinal))
        {
            Assert.True(post.StatusCode == System.Net.HttpStatusCode.NotFound, $"POST {url}: {(int)post.StatusCode} {post.Headers.Location}");
        }
    }
}
