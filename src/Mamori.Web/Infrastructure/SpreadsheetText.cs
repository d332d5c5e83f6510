using System.Data;

namespace Mamori.Web.Infrastructure;

/// <summary>Text that a spreadsheet program could take for a formula is written with a leading apostrophe (OWASP's
/// guidance on CSV and formula injection): a company name such as <c>=HYPERLINK(...)</c> typed into the public form
/// must stay text when an officer opens, edits or re-saves an export. The imports read the mark back off
/// (<see cref="Unguard"/>), so an exported year or catalogue workbook still round-trips unchanged.</summary>
public static class SpreadsheetText
{
    /// <summary>Whether text, past any apostrophes it begins with, begins with a character that starts a formula
    /// (=, +, -, @) or with a tab or carriage return. Counting the apostrophes makes the guard reversible: text that
    /// already begins with an apostrophe and a formula character gets one more, and the import removes exactly one.</summary>
    public static bool NeedsGuard(string text) =>
        text?.TrimStart('\'') is { Length: > 0 } rest && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Guard(string text) => NeedsGuard(text) ? "'" + text : text;

    /// <summary>The text as it was before <see cref="Guard"/>.</summary>
    public static string Unguard(string text) =>
        text is { Length: > 1 } && text[0] == '\'' && NeedsGuard(text) ? text[1..] : text;

    /// <summary>Guards every text value of the sheets in place: lists of rows (dictionaries) and data tables, the two
    /// shapes the exports hand to MiniExcel.</summary>
    public static void GuardSheets(IEnumerable<object> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        foreach (var sheet in sheets)
        {
            switch (sheet)
            {
                case DataTable table:
                    foreach (DataRow row in table.Rows)
                    {
                        for (var i = 0; i < table.Columns.Count; i++)
                        {
                            if (row[i] is string text && NeedsGuard(text))
                            {
                                row[i] = Guard(text);
                            }
                        }
                    }
                    break;
                case IEnumerable<IDictionary<string, object?>> rows:
                    foreach (var row in rows)
                    {
                        foreach (var key in row.Where(kv => kv.Value is string text && NeedsGuard(text)).Select(kv => kv.Key).ToList())
                        {
                            row[key] = Guard((string)row[key]!);
                        }
                    }
                    break;
                default:
                    throw new ArgumentException($"A sheet of type {sheet.GetType().Name} cannot be guarded; use a list of dictionaries or a DataTable.", nameof(sheets));
            }
        }
    }
}
