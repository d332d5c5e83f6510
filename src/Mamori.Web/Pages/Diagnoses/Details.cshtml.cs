using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Pages.Diagnoses.Documents;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>The result of a self-check or hearing: scores, radar chart, 秘密管理性 check, gaps, the comparison
/// with the previous hearing, and (for the expert) turning gaps into plan items. DOCX and XLSX downloads.
/// Who may see it follows its engagement; a self-check attached only to an application follows the applications list.</summary>
[RequirePermission(Permissions.EngagementsViewOwn)]
public sealed class DetailsModel(AppDbContext db, EngagementAccess access, CatalogueCache catalogues, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public DiagnosisReport Report { get; private set; } = null!;
    public ResultView View { get; private set; } = null!;
    public bool CanPlan { get; private set; }
    public bool CanEdit { get; private set; }
    public Engagement? Engagement { get; private set; }
    public IReadOnlySet<string> PlannedKeys { get; private set; } = new HashSet<string>();

    /// <summary>The information the company listed as worth protecting (保有情報リスト of the application), for the
    /// 秘密管理性 check: what is marked, where it is kept and who can reach it.</summary>
    public IReadOnlyList<InformationAsset> Assets { get; private set; } = [];

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var diagnosis = await db.Diagnoses.VisibleTo(AccessScope.For(User)).AsNoTracking().Include(d => d.Company)
            .SingleOrDefaultAsync(d => d.Id == id && d.Kind != DiagnosisKind.PublicSelfCheck);
        if (diagnosis is null)
        {
            await db.AuditHiddenAsync(db.Diagnoses.Where(d => d.Id == id && d.Kind != DiagnosisKind.PublicSelfCheck), "Diagnosis", id);
            return NotFound();
        }
        // A self-check sent with an application belongs to the engagement the application opened.
        var linkedEngagement = diagnosis.EngagementId
            ?? (diagnosis.ApplicationId is { } applicationId
                ? await db.Engagements.Where(e => e.ApplicationId == applicationId).Select(e => (int?)e.Id).FirstOrDefaultAsync()
                : null);
        if (linkedEngagement is { } engagementId && await access.FindAsync(User, engagementId) is { } record)
        {
            var op = diagnosis.Kind == DiagnosisKind.ExpertHearing ? EngagementOperations.Hearing : EngagementOperations.SelfCheck;
            CanEdit = diagnosis.EngagementId is not null && record.Can(op);
            CanPlan = diagnosis.Kind == DiagnosisKind.ExpertHearing && diagnosis.Status == DiagnosisStatus.Completed
                && record.Can(EngagementOperations.Hearing);
            Engagement = await db.Engagements.AsNoTracking().Include(e => e.Company).SingleAsync(e => e.Id == engagementId);
        }
        var catalogue = (await catalogues.GetAsync(db, diagnosis.CatalogueVersionId))!;
        var answers = diagnosis.AnswerMap();
        var result = catalogue.Score(answers, diagnosis.ScopeValue);
        Reassessment? comparison = null;
        string? comparedWith = null;
        if (diagnosis.PreviousDiagnosisId is { } pid)
        {
            var previous = await db.Diagnoses.AsNoTracking().SingleAsync(d => d.Id == pid);
            var prevCatalogue = (await catalogues.GetAsync(db, previous.CatalogueVersionId))!;
            var prevAnswers = previous.AnswerMap();
            comparison = DiagnosisComparison.Compare(prevCatalogue.Score(prevAnswers, previous.ScopeValue), prevAnswers, result, answers);
            var closed = await db.PlanItems.AsNoTracking()
                .Where(p => p.EngagementId == diagnosis.EngagementId && (p.Status == PlanItemStatus.Introduced || p.Status == PlanItemStatus.NotPlanned))
                .ToListAsync();
            var since = previous.CompletedAt ?? previous.UpdatedAt;
            var closedSince = closed.Count(p => p.StatusChangedAt > since);
            comparedWith = $"前回のヒアリング（{Display.ToZone(since, "Asia/Tokyo"):yyyy-MM-dd}）との比較。その後に完了した改善計画: {closedSince}件";
        }
        var plan = diagnosis.EngagementId is { } eid && diagnosis.Kind == DiagnosisKind.ExpertHearing
            ? await db.PlanItems.AsNoTracking().Where(p => p.EngagementId == eid).OrderBy(p => p.Priority).ThenBy(p => p.DueDate).ThenBy(p => p.Id).ToListAsync()
            : [];
        PlannedKeys = plan.Where(p => p.ItemKey.Length > 0).Select(p => p.ItemKey).ToHashSet();
        var applicationForAssets = diagnosis.ApplicationId ?? Engagement?.ApplicationId;
        if (applicationForAssets is { } appId)
        {
            Assets = await db.InformationAssets.AsNoTracking().Where(a => a.ApplicationId == appId).OrderBy(a => a.Order).ToListAsync();
        }
        var notes = diagnosis.Answers.Where(a => a.ExpertNote.Length > 0).ToDictionary(a => a.ItemKey, a => a.ExpertNote);
        var companyName = diagnosis.Company?.NameJa ?? diagnosis.RespondentCompany;
        var subtitle = Engagement is { } e ? $"個別支援 {e.Number}（{e.CountryCode}）" : "";
        Report = new DiagnosisReport(diagnosis, catalogue, result, answers, notes, companyName, subtitle, plan, comparison, comparedWith, time.GetUtcNow());
        View = new ResultView(catalogue, result, answers, GapLimit: 15, comparison, comparedWith, Assets);
        return null;
    }

    /// <summary>A diagnosis is a company's weaknesses: who opened it is audited (issue #19), like its downloads.</summary>
    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } notFound)
        {
            return notFound;
        }
        await db.AuditAsync(AuditActions.Read, "Diagnosis", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(int id)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }
        await db.AuditAsync(AuditActions.Export, "Diagnosis", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"format\":\"docx\"}");
        return File(DiagnosisReportDocx.Build(Report), DiagnosisReportDocx.ContentType, DiagnosisReportDocx.FileName(Report));
    }

    public async Task<IActionResult> OnGetXlsxAsync(int id)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }
        await db.AuditAsync(AuditActions.Export, "Diagnosis", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"format\":\"xlsx\"}");
        return File(DiagnosisAnswersXlsx.Build(Report), DiagnosisAnswersXlsx.ContentType, DiagnosisAnswersXlsx.FileName(Report));
    }

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;

    /// <summary>Turns the chosen gaps into proposed plan items (the recommendation as the measure, priority from the rank).</summary>
    public async Task<IActionResult> OnPostPlanAsync(int id, string[]? items)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }
        if (!CanPlan)
        {
            return Forbid();
        }
        var chosen = (items ?? []).Distinct(StringComparer.Ordinal).ToList();
        var gaps = Report.Result.Gaps.Select((g, rank) => (g, rank)).ToDictionary(x => x.g.Item.Key, StringComparer.Ordinal);
        var unknown = chosen.Where(k => !gaps.ContainsKey(k)).ToList();
        if (chosen.Count == 0 || unknown.Count > 0)
        {
            ModelState.AddModelError("", unknown.Count > 0 ? t["改善が必要な項目にない項目IDです: {0}", string.Join(", ", unknown.Take(5))] : t["計画にする項目を選んでください。"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = time.GetUtcNow();
        foreach (var key in chosen.Where(k => !PlannedKeys.Contains(k)))
        {
            var (gap, rank) = gaps[key];
            db.PlanItems.Add(new PlanItem
            {
                EngagementId = Report.Diagnosis.EngagementId!.Value, DiagnosisId = id, ItemKey = key,
                Measure = Truncate(gap.Item.RecommendationJa.Length > 0 ? gap.Item.RecommendationJa : gap.Item.TextJa, 1000),
                Priority = gap.Item.Decisive || rank < 5 ? PlanPriority.High : rank < 15 ? PlanPriority.Medium : PlanPriority.Low,
                Status = PlanItemStatus.Proposed, StatusChangedAt = now, CreatedAt = now, Version = Guid.NewGuid(),
            });
        }
        await db.SaveChangesAsync();
        TempData["Message"] = t["改善計画に追加しました。担当・期限を入れてください。"].Value;
        return RedirectToPage("/Engagements/Plan", new { engagementId = Report.Diagnosis.EngagementId });
    }
}
