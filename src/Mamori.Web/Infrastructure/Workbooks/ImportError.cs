namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>One problem in an imported file, located by sheet, Excel row and column.</summary>
public sealed record ImportError(string Sheet, int? Row, string? Column, string Message)
{
    /// <summary>How many problems one import reports at most: enough to fix a file in a few rounds, few enough to read.</summary>
    public const int MaxShown = 200;

    public override string ToString() =>
        $"{Sheet}{(Row is { } r ? $" {r}行目" : "")}{(Column is null ? "" : $" 「{Column}」")}: {Message}";
}
