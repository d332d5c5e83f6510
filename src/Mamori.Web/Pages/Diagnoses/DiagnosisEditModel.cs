using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>Answers a diagnosis inside an engagement: the expert's hearing (starting from the company's own
/// answers or, for a re-assessment, from the previous hearing; per-item notes, "changed by expert", evidence
/// files) or the company's self-check. Partial progress is saved; completing fixes the score.</summary>
[RequirePermission(Permissions.EngagementsViewOwn)]
[RequestSizeLimit(Uploads.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxRequestBytes, ValueCountLimit = 2048)]
public abstract class DiagnosisEditModel(AppDbContext db, CatalogueCache catalogues, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Which kind of diagnosis this page answers.</summary>
    public abstract DiagnosisKind Kind { get; }

    /// <summary>The page's own name (/Diagnoses/Hearing or /Diagnoses/SelfCheck), for links and redirects to it.</summary>
    public string PageName => Kind == DiagnosisKind.ExpertHearing ? "/Diagnoses/Hearing" : "/Diagnoses/SelfCheck";

    public Engagement Engagement { get; private set; } = null!;
    public Diagnosis? Diagnosis { get; private set; }
    public QuestionForm Form { get; private set; } = null!;
    public IReadOnlyList<AnswerError> Errors { get; private set; } = [];
    public IReadOnlyList<DiagnosisEvidence> EvidenceFiles { get; private set; } = [];
    public string? StartedFrom { get; private set; }
    public Guid Version { get; private set; }

    private async Task<DiagnosisScope> ScopeAsync()
    {
        Engagement = await db.Engagements.AsNoTracking().Include(e => e.Company).Include(e => e.Base).Include(e => e.FiscalYear)
            .SingleAsync(e => e.Id == Engagement.Id);
        return new DiagnosisScope(new Dictionary<string, int?> { [Engagement.CountryCode] = Engagement.Base?.Headcount });
    }

    /// <summary>Where a new diagnosis starts: a hearing from the last completed hearing (re-assessment) or else the
    /// company's latest self-check; a self-check from nothing.</summary>
    private async Task<(Diagnosis? Source, Diagnosis? Previous)> StartingPointsAsync(int engagementId, int? applicationId)
    {
        var previous = await db.Diagnoses.AsNoTracking()
            .Where(d => d.EngagementId == engagementId && d.Kind == DiagnosisKind.ExpertHearing && d.Status == DiagnosisStatus.Completed)
            .OrderByDescending(d => d.CompletedAt).FirstOrDefaultAsync();
        var source = await db.Diagnoses.AsNoTracking()
            .Where(d => d.Kind == DiagnosisKind.CompanySelfCheck && (d.EngagementId == engagementId || applicationId != null && d.ApplicationId == applicationId))
            .OrderByDescending(d => d.UpdatedAt).FirstOrDefaultAsync();
        return (source, previous);
    }

    private async Task<IActionResult> ShowAsync(int engagementId, DiagnosisKind kind, Diagnosis? diagnosis, IReadOnlyDictionary<string, string>? posted = null,
        PostedAnswers? postedAll = null)
    {
        Engagement = new Engagement { Id = engagementId, Number = "", CountryCode = "" };
        var scope = await ScopeAsync();
        Diagnosis = diagnosis;
        CatalogueSnapshot catalogue;
        IReadOnlyDictionary<string, string> answers;
        IReadOnlyDictionary<string, string>? source = null;
        IReadOnlyDictionary<string, string> notes = new Dictionary<string, string>();
        IReadOnlySet<string> changed = new HashSet<string>();
        if (diagnosis is not null)
        {
            catalogue = (await catalogues.GetAsync(db, diagnosis.CatalogueVersionId))!;
            answers = diagnosis.AnswerMap();
            notes = diagnosis.Answers.Where(a => a.ExpertNote.Length > 0).ToDictionary(a => a.ItemKey, a => a.ExpertNote);
            changed = diagnosis.Answers.Where(a => a.ChangedByExpert).Select(a => a.ItemKey).ToHashSet();
            scope = diagnosis.ScopeValue;
            if (diagnosis.SourceDiagnosisId is { } sid)
            {
                source = (await db.Diagnoses.AsNoTracking().SingleAsync(d => d.Id == sid)).AnswerMap();
            }
            EvidenceFiles = await db.DiagnosisEvidence.AsNoTracking().Where(x => x.DiagnosisId == diagnosis.Id).OrderBy(x => x.ItemKey).ThenBy(x => x.Id).ToListAsync();
            Version = diagnosis.Version;
        }
        else
        {
            catalogue = await catalogues.CurrentAsync(db);
            var (src, previous) = kind == DiagnosisKind.ExpertHearing ? await StartingPointsAsync(engagementId, Engagement.ApplicationId) : (null, null);
            var start = previous ?? src;
            answers = start?.AnswerMap().Where(a => catalogue.ByKey.ContainsKey(a.Key)).ToDictionary() ?? new Dictionary<string, string>();
            source = src?.AnswerMap();
            StartedFrom = previous is not null ? "前回のヒアリングの回答から始めています（再評価）。変わった点を直してください。"
                : src is not null ? "企業のセルフチェックの回答から始めています。確認して、違う点を直してください。" : null;
        }
        if (posted is not null)
        {
            answers = posted;
            if (postedAll is not null)
            {
                notes = postedAll.Notes;
                changed = postedAll.ChangedByExpert;
            }
        }
        Form = new QuestionForm(catalogue, scope, answers, kind == DiagnosisKind.ExpertHearing, notes, changed, source,
            EvidenceFiles.GroupBy(x => x.ItemKey).ToDictionary(g => g.Key, g => g.Count()));
        return Page();
    }

    private async Task<Diagnosis?> FindAsync(int engagementId, int id, DiagnosisKind kind, bool track = false)
    {
        var query = db.Diagnoses.Where(d => d.Id == id && d.EngagementId == engagementId && d.Kind == kind);
        return await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

    public async Task<IActionResult> OnGetAsync(int engagementId, int? id)
    {
        var k = Kind;
        Diagnosis? diagnosis = null;
        if (id is { } did && (diagnosis = await FindAsync(engagementId, did, k)) is null)
        {
            return NotFound();
        }
        if (diagnosis is not null)
        {
            // The answers so far are a company's weaknesses: opening them is audited, like the finished diagnosis.
            await db.AuditAsync(AuditActions.Read, "Diagnosis", diagnosis.Id.ToString(CultureInfo.InvariantCulture));
        }
        return await ShowAsync(engagementId, k, diagnosis);
    }

    public Task<IActionResult> OnPostAsync(int engagementId, int? id, int? catalogueVersion, Guid version) =>
        SaveAsync(engagementId, id, catalogueVersion, version, complete: false);

    public Task<IActionResult> OnPostCompleteAsync(int engagementId, int? id, int? catalogueVersion, Guid version) =>
        SaveAsync(engagementId, id, catalogueVersion, version, complete: true);

    private async Task<IActionResult> SaveAsync(int engagementId, int? id, int? catalogueVersion, Guid version, bool complete)
    {
        var k = Kind;
        var posted = PostedAnswers.From(Request.Form);
        Diagnosis? diagnosis = null;
        if (id is { } did && (diagnosis = await FindAsync(engagementId, did, k, track: true)) is null)
        {
            return NotFound();
        }
        var engagement = await db.Engagements.AsNoTracking().Include(e => e.Base).SingleAsync(e => e.Id == engagementId);
        var scope = diagnosis?.ScopeValue ?? new DiagnosisScope(new Dictionary<string, int?> { [engagement.CountryCode] = engagement.Base?.Headcount });
        var catalogue = diagnosis is not null
            ? (await catalogues.GetAsync(db, diagnosis.CatalogueVersionId))!
            : catalogueVersion is { } n && await db.CatalogueVersions.Where(v => v.Number == n).Select(v => (int?)v.Id).SingleOrDefaultAsync() is { } vid
                ? (await catalogues.GetAsync(db, vid))!
                : null;
        var errors = new List<AnswerError>();
        if (catalogue is null || catalogueVersion != catalogue.Version.Number)
        {
            // The form was built from another edition of the catalogue: its items may mean something else.
            errors.Add(new AnswerError("", "回答した質問票の版がこの診断の版と違います。ページを開き直して回答してください。"));
        }
        else
        {
            errors.AddRange(DiagnosisAnswers.Validate(catalogue, scope, posted));
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(engagementId, k, diagnosis is null ? null : await FindAsync(engagementId, diagnosis.Id, k),
                posted.Values.Where(v => catalogue?.ByKey.ContainsKey(v.Key) == true).ToDictionary(), posted);
        }
        var now = time.GetUtcNow();
        IReadOnlyDictionary<string, string>? source = null;
        if (diagnosis is null)
        {
            var (src, previous) = k == DiagnosisKind.ExpertHearing ? await StartingPointsAsync(engagementId, engagement.ApplicationId) : (null, null);
            diagnosis = new Diagnosis
            {
                Kind = k, Status = DiagnosisStatus.InProgress, CatalogueVersionId = catalogue!.Version.Id, CompanyId = engagement.CompanyId,
                EngagementId = engagementId, SourceDiagnosisId = src?.Id, PreviousDiagnosisId = previous?.Id, Scope = scope.ToString(),
                StartedAt = now, CreatedByUserId = User.UserId(), CreatedByName = User.Identity?.Name ?? "",
            };
            db.Diagnoses.Add(diagnosis);
            source = src?.AnswerMap();
        }
        else
        {
            db.Entry(diagnosis).Property(d => d.Version).OriginalValue = version;
            if (diagnosis.SourceDiagnosisId is { } sid)
            {
                source = (await db.Diagnoses.AsNoTracking().SingleAsync(d => d.Id == sid)).AnswerMap();
            }
        }
        DiagnosisAnswers.Apply(diagnosis, posted, now, expertFields: k == DiagnosisKind.ExpertHearing, source);
        if (complete)
        {
            diagnosis.Status = DiagnosisStatus.Completed;
            diagnosis.CompletedAt = now;
        }
        if (diagnosis.Status == DiagnosisStatus.Completed)
        {
            diagnosis.TotalScore = catalogue!.Score(diagnosis.AnswerMap(), scope).Total;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await this.ShowCurrentAsync(db, () => OnGetAsync(engagementId, id));
        }
        TempData["Message"] = complete ? t["診断を完了しました。"].Value : t["回答を保存しました（途中）。"].Value;
        return complete
            ? RedirectToPage("/Diagnoses/Details", new { id = diagnosis.Id })
            : RedirectToPage(PageName, new { engagementId, id = diagnosis.Id });
    }

    /// <summary>Attaches an evidence file to one item of a hearing.</summary>
    [EngagementOperation(nameof(EngagementOperations.Hearing))]
    public async Task<IActionResult> OnPostEvidenceAsync(int engagementId, int id, string? itemKey, IFormFile? file)
    {
        if (Kind is not DiagnosisKind.ExpertHearing)
        {
            return NotFound();
        }
        var diagnosis = await FindAsync(engagementId, id, DiagnosisKind.ExpertHearing);
        if (diagnosis is null)
        {
            return NotFound();
        }
        var catalogue = (await catalogues.GetAsync(db, diagnosis.CatalogueVersionId))!;
        var error = itemKey is null || !catalogue.ByKey.TryGetValue(itemKey, out var item) || !item.AppliesTo(diagnosis.ScopeValue)
            ? "証拠を付ける項目を一覧から選んでください。" : null;
        var (checkedFile, fileError) = error is null ? await Uploads.CheckAsync(file, t, HttpContext.RequestAborted) : (null, null);
        if ((error ?? fileError) is { } message)
        {
            Errors = [new AnswerError(itemKey ?? "", message)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(engagementId, DiagnosisKind.ExpertHearing, diagnosis);
        }
        var stored = new StoredFile { Content = checkedFile!.Content };
        db.DiagnosisEvidence.Add(new DiagnosisEvidence
        {
            DiagnosisId = id, ItemKey = itemKey!, FileName = checkedFile.FileName, ContentType = checkedFile.ContentType,
            Size = checkedFile.Content.LongLength, Sha256 = checkedFile.Sha256, UploadedAt = time.GetUtcNow(),
            UploadedByName = User.Identity?.Name ?? "", StoredFile = stored,
        });
        await db.SaveChangesAsync();
        TempData["Message"] = t["証拠ファイルを追加しました（{0}）。", itemKey ?? ""].Value;
        return RedirectToPage(PageName, new { engagementId, id });
    }

    /// <summary>Downloads an evidence file (as an attachment, audited).</summary>
    [EngagementOperation(nameof(EngagementOperations.View))]
    public async Task<IActionResult> OnGetEvidenceAsync(int engagementId, int id, int fileId)
    {
        if (Kind is not DiagnosisKind.ExpertHearing)
        {
            return NotFound();
        }
        var evidence = await db.DiagnosisEvidence.AsNoTracking().Include(x => x.StoredFile)
            .Where(x => x.Id == fileId && x.DiagnosisId == id && db.Diagnoses.Any(d => d.Id == id && d.EngagementId == engagementId))
            .SingleOrDefaultAsync();
        if (evidence is null)
        {
            return NotFound();
        }
        await db.AuditAsync(AuditActions.Download, "DiagnosisEvidence", evidence.Id.ToString(CultureInfo.InvariantCulture));
        return File(evidence.StoredFile!.Content, evidence.ContentType, evidence.FileName);
    }
}
