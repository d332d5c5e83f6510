using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;

namespace Mamori.Tests.Security;

/// <summary>Issue #19, point 4: no password, token or file content ever reaches a log. The app runs with every
/// category at Debug, every message is captured (with its exception), and none may contain a password typed at
/// sign-in or a password change, the session cookie, an antiforgery token, or text from an uploaded file.</summary>
public sealed class LogHygieneTests
{
    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} [{logLevel}] {formatter(state, exception)} {exception}");
        }
    }

    [Fact]
    public async Task Passwords_tokens_cookies_and_file_content_never_reach_a_log()
    {
        var capture = new Capture();
        await using var app = new MamoriFactory(TestDatabases.Sqlite, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
        })
        {
            TestServices = s => s.AddSingleton<ILoggerProvider>(capture),
        };
        const string WrongPassword = "Wrong-Marker-Password-7311";
        const string NewPassword = "New-Marker-Passphrase-4242";
        const string FileText = "ファイル内容マーカー-5150";
        var account = await app.UserAsync(Roles.Administrator);

        using (var stranger = app.NewClient())
        {
            await stranger.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = account.UserName!, ["Input.Password"] = WrongPassword });
            await stranger.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "nobody@example.com", ["Input.Password"] = WrongPassword });
        }
        using var admin = await app.ClientAsAsync(account);
        var secrets = new List<string> { WrongPassword, NewPassword, TestData.Password, FileText };
        secrets.Add(admin.CookieHeader().Split("; ").Single(c => c.StartsWith("__Host-mamori=", StringComparison.Ordinal))["__Host-mamori=".Length..]);
        await AppClient.AssertRedirectAsync(await admin.SubmitAsync("/Account/Manage", new()
        {
            ["Password.Current"] = TestData.Password, ["Password.New"] = NewPassword, ["Password.Confirm"] = NewPassword,
        }, "form[action*='handler=Password']"));

        // A workbook whose content is refused, so its text is what an error message would be built from.
        var page = await admin.GetDocumentAsync("/DataTransfer");
        var token = page.QuerySelector("form[action*='handler=Import'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        secrets.Add(token);
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["年度"] = new[] { new Dictionary<string, object> { ["年度"] = FileText } } });
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "Workbook", "year.xlsx");
        await admin.Http.PostAsync("/DataTransfer?handler=Import", form);

        var lines = capture.Lines.ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines: the capture does not see the app's logs");
        Assert.Contains(lines, l => l.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)); // requests
        Assert.Contains(lines, l => l.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal)); // SQL
        foreach (var secret in secrets)
        {
            var leaks = lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"{secret[..Math.Min(secret.Length, 12)]}… reached the log:\n{string.Join("\n", leaks.Take(3))}");
        }
    }
}
