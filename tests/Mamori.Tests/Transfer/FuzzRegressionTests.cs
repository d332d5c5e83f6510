using Mamori.Web.Infrastructure.Workbooks;
using Mamori.Web.Pages.DataTransfer;

namespace Mamori.Tests.Transfer;

/// <summary>Inputs on which afl++ and SharpFuzz made the workbook reader throw (fuzz/run.sh, docs/fuzzing.md): each
/// answered a 500 before. Each must now come back as import errors, with nothing thrown.</summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Crashes() =>
        [.. Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(ThisFile())!, "FuzzCrashes"), "*.xlsx").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f))];

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task A_crash_input_is_reported_as_unreadable_not_thrown(string name)
    {
        var errors = new List<ImportError>();
        await using var input = File.OpenRead(Path.Combine(Path.GetDirectoryName(ThisFile())!, "FuzzCrashes", name));

        var file = await WorkbookFile.OpenAsync(input, errors);
        foreach (var layout in WorkbookSchema.All)
        {
            file?.Read(layout);
        }

        Assert.Contains(errors, e => e.Message.Contains("読めません", StringComparison.Ordinal));
    }
}
