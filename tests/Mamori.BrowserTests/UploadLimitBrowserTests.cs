using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.Playwright;

namespace Mamori.BrowserTests;

/// <summary>Issue #19, failure 6, in the browser: a file over the upload limit is refused in the field, with its
/// message, before the form is sent (a browser that sends it would see the server close the connection).</summary>
[Collection(BrowserCollection.Name)]
public sealed class UploadLimitBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_file_over_the_limit_is_refused_in_the_field_before_it_is_sent()
    {
        var (user, password) = await Fixture.UserAsync(Roles.Administrator);
        await LoginAsync(user, password);
        await Page.GotoAsync(Url("/DataTransfer"));
        var field = Page.Locator("#Workbook");
        await field.SetInputFilesAsync(new FilePayload
        {
            Name = "large.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = new byte[Uploads.MaxFileBytes + 1],
        });

        var message = await field.EvaluateAsync<string>("f => f.validationMessage");
        Assert.Equal("ファイルが大きすぎます（上限 20 MB）。", message);
        var posted = false;
        Page.Request += (_, request) => posted |= request.Method == "POST";
        await Page.Locator("form[action*='handler=Import'] button[type=submit]").ClickAsync();
        await Page.WaitForTimeoutAsync(500);
        Assert.False(posted, "the form was not sent");
        await ShotAsync("60-upload-over-limit");

        // A file within the limit clears the message.
        await field.SetInputFilesAsync(new FilePayload { Name = "small.xlsx", MimeType = "application/octet-stream", Buffer = [0x50, 0x4B, 3, 4] });
        Assert.Equal("", await field.EvaluateAsync<string>("f => f.validationMessage"));
    }
}
