using System.Net;
using System.Net.Http.Headers;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;

namespace Mamori.Tests.Security;

/// <summary>Issue #19, failure 6: a 25 MB upload answered with the "page not found" page. Over real Kestrel, which
/// enforces the request size limit the upload pages set (the test server does not).</summary>
public sealed class UploadLimitTests
{
    [Fact]
    public async Task An_upload_over_the_limit_is_told_so_in_the_users_language()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite, new Dictionary<string, string?> { ["Security:HttpsOnly"] = "false" });
        using var client = app.NewKestrelClient();
        var user = await app.UserAsync(Roles.Administrator);
        var admin = await client.LoginAsync(user.UserName!, TestData.Password);
        var form = await admin.GetDocumentAsync("/DataTransfer");
        var token = form.QuerySelector("form[action*='handler=Import'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(new byte[25 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "Workbook", "large.xlsx");

        // A client that announces its body and waits (Expect: 100-continue) reads the answer; one that sends the
        // body regardless sees the connection closed once the limit is passed, which is why the page also checks
        // the size in the browser before sending (browser test).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/DataTransfer?handler=Import") { Content = content };
        request.Headers.ExpectContinue = true;
        var response = await admin.Http.SendAsync(request);

        var page = await AppClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("ファイルが大きすぎます", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{Uploads.MaxFileBytes / 1024 / 1024} MB", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // Back to the form that sent it, without the handler that refused it.
        Assert.Equal("/DataTransfer", page.QuerySelectorAll("main a").Single(a => a.TextContent == "ファイルを選び直す").GetAttribute("href"));
    }
}
