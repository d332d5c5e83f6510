using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.DataTransfer;

/// <summary>Whole-year XLSX export (office) and import (administrators; all-or-nothing, every problem
/// reported by sheet, row and column).</summary>
[RequirePermission(Permissions.DataExport)]
[RequestSizeLimit(Uploads.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxRequestBytes)]
public sealed class IndexModel(AppDbContext db, YearWorkbook workbook, IAuthorizationService authorization, Lookups lookups, Display display,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<(int Id, int StartYear)> Years { get; private set; } = [];
    public bool CanImport { get; private set; }
    public ImportResult? Result { get; private set; }

    [BindProperty]
    public IFormFile? Workbook { get; set; }

    private async Task PrepareAsync()
    {
        Years = [.. (await db.FiscalYears.AsNoTracking().OrderByDescending(f => f.StartYear).Select(f => new { f.Id, f.StartYear }).ToListAsync()).Select(f => (f.Id, f.StartYear))];
        CanImport = (await authorization.AuthorizeAsync(User, Permissions.DataImport)).Succeeded;
    }

    public async Task OnGetAsync() => await PrepareAsync();

    public async Task<IActionResult> OnGetExportAsync(int year)
    {
        var fiscalYear = await db.FiscalYears.AsNoTracking().SingleOrDefaultAsync(f => f.StartYear == year);
        if (fiscalYear is null)
        {
            return NotFound();
        }
        var bytes = await workbook.ExportAsync(fiscalYear.Id, HttpContext.RequestAborted);
        return File(bytes, XlsxFiles.ContentType, $"mamori-{year}.xlsx");
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        await PrepareAsync();
        if (!CanImport)
        {
            return Forbid();
        }
        if (Workbook is null || Workbook.Length == 0)
        {
            ModelState.AddModelError(nameof(Workbook), t["取り込むXLSXファイルを選んでください。"]);
            return Page();
        }
        if (Workbook.Length > Uploads.MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Workbook), t["ファイルが大きすぎます（上限 {0} MB）。", Uploads.MaxFileBytes / 1024 / 1024]);
            return Page();
        }
        await using var stream = Workbook.OpenReadStream();
        Result = await workbook.ImportAsync(stream, HttpContext.RequestAborted);
        if (Result.Succeeded)
        {
            lookups.ForgetFiscalYears();
            var year = await db.FiscalYears.Where(f => f.Id == Result.FiscalYearId).Select(f => f.StartYear).SingleAsync();
            // The counts are keyed by the sheet names (企業, 拠点, …), which are also their labels.
            var counts = string.Join(t["、"], Result.Counts.Select(c => t["{0} {1}件", t[c.Key].Value, c.Value].Value));
            TempData["Message"] = t["{0}を取り込みました（{1}）。", display.FiscalYear(year), counts].Value;
            return RedirectToPage("/FiscalYears/Details", new { id = Result.FiscalYearId });
        }
        return Page();
    }
}
