namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>A sheet an import expects: its name, whether the file must have it, every column it has (in the order
/// an export writes them) and those that must be filled in. Unless <paramref name="OtherColumnsAllowed"/>, a
/// column not listed is refused, since it is usually a mistyped heading whose values would be lost.</summary>
public sealed record SheetLayout(string Name, bool Required, string[] Columns, string[] RequiredColumns, bool OtherColumnsAllowed = false);
