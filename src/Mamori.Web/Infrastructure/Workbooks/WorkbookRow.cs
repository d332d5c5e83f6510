namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>A data row of a sheet with its Excel row number (the header is row 1), cells by header text.</summary>
public sealed record WorkbookRow(int Number, IDictionary<string, object?> Cells);
