using Mamori.Web.Infrastructure.Workbooks;
using Mamori.Web.Pages.DataTransfer;

namespace Mamori.Fuzz;

/// <summary>The workbook reader as an import drives it: open the upload, read every sheet of the year workbook, read
/// every cell as text. A problem with the file must come back as an import error; any exception that escapes is a
/// crash (on a page it would be a 500), and afl records the input that caused it.</summary>
public static class WorkbookTarget
{
    public static void Run(Stream input)
    {
        var errors = new List<ImportError>();
        var file = WorkbookFile.OpenAsync(input, errors).GetAwaiter().GetResult();
        if (file is null)
        {
            return;
        }
        foreach (var layout in WorkbookSchema.All)
        {
            var sheet = file.Read(layout);
            foreach (var row in sheet.Rows)
            {
                foreach (var column in layout.Columns)
                {
                    _ = SheetReader.Cell(row, column);
                }
            }
        }
    }
}
