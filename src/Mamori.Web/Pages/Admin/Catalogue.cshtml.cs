using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Workbooks;
using Mamori.Web.Pages.Diagnoses;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Admin;

/// <summary>The diagnosis catalogue's versions. An administrator exports a version to Excel, edits it and imports
/// it as the next version; earlier versions stay as they were, with the diagnoses answered on them.</summary>
[RequirePermission(Permissions.CatalogueManage)]
[RequestSizeLimit(Uploads.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxRequestBytes)]
public sealed class CatalogueModel(AppDbContext db, CatalogueWorkbook workbook, CatalogueCache catalogues, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record VersionRow(int Id, int Number, string LabelJa, DateOnly AsOf, DateTimeOffset CreatedAt, string CreatedBy, string Note, int Items, int Diagnoses);

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    [BindProperty]
    public IFormFile? Workbook { get; set; }

    private async Task LoadAsync() =>
        Versions = await db.CatalogueVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Id, v.Number, v.LabelJa, v.AsOf, v.CreatedAt, v.CreatedByName, v.Note, v.Items.Count,
                db.Diagnoses.Count(d => d.CatalogueVersionId == v.Id)))
            .ToListAsync();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync(int number)
    {
        if (await catalogues.ByNumberAsync(db, number, HttpContext.RequestAborted) is not { } snapshot)
        {
            return NotFound();
        }
        return File(await workbook.ExportAsync(snapshot.Version.Id, HttpContext.RequestAborted), XlsxFiles.ContentType, $"mamori-catalogue-v{number}.xlsx");
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        if (Workbook is null || Workbook.Length == 0 || Workbook.Length > Uploads.MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Workbook), Workbook is null || Workbook.Length == 0
                ? t["取り込むXLSXファイルを選んでください。"]
                : t["ファイルが大きすぎます（上限 {0} MB）。", Uploads.MaxFileBytes / 1024 / 1024]);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var stream = Workbook.OpenReadStream();
        var outcome = await workbook.ImportAsync(stream, User.Identity?.Name ?? "", HttpContext.RequestAborted);
        if (outcome.Created is { } created)
        {
            TempData["Message"] = t["質問票の第{0}版（{1}、{2}項目）を登録しました。これからの診断はこの版を使います。", created.Number, created.LabelJa, created.Items.Count].Value;
            return RedirectToPage();
        }
        Errors = outcome.Errors;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
