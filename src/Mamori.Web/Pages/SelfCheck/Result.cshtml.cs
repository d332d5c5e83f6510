using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Pages.Diagnoses;
using Mamori.Web.Pages.Diagnoses.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.SelfCheck;

/// <summary>The result of a public self-check, opened with the token only its respondent has; also
/// the report downloads (DOCX, XLSX). An unknown token answers 404.</summary>
public sealed class ResultModel(AppDbContext db, CatalogueCache catalogues, TimeProvider time) : PageModel
{
    public ResultView View { get; private set; } = null!;
    public Diagnosis Diagnosis { get; private set; } = null!;
    public string Token { get; private set; } = "";

    private async Task<bool> LoadAsync(string? t)
    {
        if (string.IsNullOrEmpty(t) || t.Length > 64)
        {
            return false;
        }
        var hash = DiagnosisAnswers.HashToken(t);
        var diagnosis = await db.Diagnoses.AsNoTracking().SingleOrDefaultAsync(d => d.PublicTokenHash == hash);
        if (diagnosis is null || await catalogues.GetAsync(db, diagnosis.CatalogueVersionId) is not { } catalogue)
        {
            return false;
        }
        Diagnosis = diagnosis;
        Token = t;
        var answers = diagnosis.AnswerMap();
        View = new ResultView(catalogue, catalogue.Score(answers, diagnosis.ScopeValue), answers);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string? t)
    {
        if (!await LoadAsync(t))
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(string? t)
    {
        if (!await LoadAsync(t))
        {
            return NotFound();
        }
        var report = new DiagnosisReport(Diagnosis, View.Catalogue, View.Result, View.Answers, new Dictionary<string, string>(),
            Diagnosis.RespondentCompany, "", [], null, null, time.GetUtcNow());
        return File(DiagnosisReportDocx.Build(report), DiagnosisReportDocx.ContentType, DiagnosisReportDocx.FileName(report));
    }

    public async Task<IActionResult> OnGetXlsxAsync(string? t)
    {
        if (!await LoadAsync(t))
        {
            return NotFound();
        }
        var report = new DiagnosisReport(Diagnosis, View.Catalogue, View.Result, View.Answers, new Dictionary<string, string>(),
            Diagnosis.RespondentCompany, "", [], null, null, time.GetUtcNow());
        return File(DiagnosisAnswersXlsx.Build(report), DiagnosisAnswersXlsx.ContentType, DiagnosisAnswersXlsx.FileName(report));
    }
}
