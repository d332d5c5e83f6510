using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Engagements;

/// <summary>The improvement plan (改善計画) of one engagement. The expert (or the office) writes measures with
/// owner, due date and priority; the company updates the status and adds evidence. Statuses are what the
/// closing questionnaire and the annual report count.</summary>
[RequirePermission(Permissions.EngagementsViewOwn)]
[RequestSizeLimit(Uploads.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxRequestBytes)]
[EngagementOperation(nameof(EngagementOperations.View))]
public sealed class PlanModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public Engagement Engagement { get; private set; } = null!;
    public IReadOnlyList<PlanItem> Items { get; private set; } = [];
    public bool CanEdit => this.EngagementRecord().Can(EngagementOperations.Hearing);
    public bool CanUpdateStatus => CanEdit || this.EngagementRecord().Can(EngagementOperations.UpdatePlanStatus);
    public int? EditingId { get; private set; }

    public sealed class PlanInput
    {
        [Display(Name = "対策")]
        [StringLength(1000, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Measure { get; set; }

        [Display(Name = "担当")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Owner { get; set; }

        [Display(Name = "期限")]
        public DateOnly? DueDate { get; set; }

        [Display(Name = "優先度")]
        public PlanPriority? Priority { get; set; }

        [Display(Name = "状況")]
        public PlanItemStatus? Status { get; set; }

        [Display(Name = "実施の証拠（メモ）")]
        [StringLength(2000, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? EvidenceNote { get; set; }

        public Guid Version { get; set; }
    }

    private async Task LoadAsync(int engagementId)
    {
        Engagement = await db.Engagements.AsNoTracking().Include(e => e.Company).SingleAsync(e => e.Id == engagementId);
        Items = await db.PlanItems.AsNoTracking().Where(p => p.EngagementId == engagementId)
            .OrderBy(p => p.Status == PlanItemStatus.Introduced || p.Status == PlanItemStatus.NotPlanned).ThenBy(p => p.Priority).ThenBy(p => p.DueDate == null).ThenBy(p => p.DueDate).ThenBy(p => p.Id)
            .ToListAsync();
    }

    public async Task<IActionResult> OnGetAsync(int engagementId)
    {
        await LoadAsync(engagementId);
        return Page();
    }

    private void ValidateInput(PlanInput input, string prefix)
    {
        if (input.DueDate is { } due && (due.Year < 2000 || due.Year > 2100))
        {
            ModelState.AddModelError(prefix + ".DueDate", t["期限は2000年～2100年の日付にしてください。"]);
        }
        if (input.Priority is { } p && !Enum.IsDefined(p))
        {
            ModelState.AddModelError(prefix + ".Priority", t["優先度を一覧から選んでください。"]);
        }
        if (input.Status is { } s && !Enum.IsDefined(s))
        {
            ModelState.AddModelError(prefix + ".Status", t["状況を一覧から選んでください。"]);
        }
    }

    /// <summary>Adds a measure by hand (not from a gap).</summary>
    [EngagementOperation(nameof(EngagementOperations.UpdatePlanStatus))]
    public async Task<IActionResult> OnPostAddAsync(int engagementId, [Bind(Prefix = "New")] PlanInput input)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        ValidateInput(input, "New");
        if (string.IsNullOrWhiteSpace(input.Measure))
        {
            ModelState.AddModelError("New.Measure", t["対策を入力してください。"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(engagementId);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = time.GetUtcNow();
        db.PlanItems.Add(new PlanItem
        {
            EngagementId = engagementId, Measure = input.Measure!.Trim(), Owner = input.Owner?.Trim() ?? "", DueDate = input.DueDate,
            Priority = input.Priority ?? PlanPriority.Medium, Status = input.Status ?? PlanItemStatus.Proposed, StatusChangedAt = now, CreatedAt = now,
            Version = Guid.NewGuid(),
        });
        await db.SaveChangesAsync();
        TempData["Message"] = t["改善計画に追加しました。"].Value;
        return RedirectToPage(new { engagementId });
    }

    /// <summary>Saves one plan item. The company may change only the status and the evidence.</summary>
    [EngagementOperation(nameof(EngagementOperations.UpdatePlanStatus))]
    public async Task<IActionResult> OnPostSaveAsync(int engagementId, int planId, [Bind(Prefix = "Item")] PlanInput input, IFormFile? evidenceFile)
    {
        var item = await db.PlanItems.SingleOrDefaultAsync(p => p.Id == planId && p.EngagementId == engagementId);
        if (item is null)
        {
            return NotFound();
        }
        ValidateInput(input, "Item");
        if (CanEdit && input.Measure is not null && string.IsNullOrWhiteSpace(input.Measure))
        {
            ModelState.AddModelError("Item.Measure", t["対策を入力してください。"]);
        }
        Uploads.Checked? file = null;
        if (evidenceFile is { Length: > 0 })
        {
            var (checkedFile, error) = await Uploads.CheckAsync(evidenceFile, t, HttpContext.RequestAborted);
            if (error is not null)
            {
                ModelState.AddModelError("evidenceFile", error);
            }
            file = checkedFile;
        }
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear();
            EditingId = planId;
            await LoadAsync(engagementId);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        db.Entry(item).Property(p => p.Version).OriginalValue = input.Version;
        var now = time.GetUtcNow();
        if (CanEdit)
        {
            item.Measure = input.Measure?.Trim() ?? item.Measure;
            item.Owner = input.Owner?.Trim() ?? "";
            item.DueDate = input.DueDate;
            item.Priority = input.Priority ?? item.Priority;
        }
        if (input.Status is { } status && status != item.Status)
        {
            item.Status = status;
            item.StatusChangedAt = now;
        }
        item.EvidenceNote = input.EvidenceNote?.Trim() ?? "";
        item.Version = Guid.NewGuid();
        // The file and the item in one transaction: a stale form stores neither.
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            if (file is not null)
            {
                var stored = new StoredFile { Content = file.Content };
                db.StoredFiles.Add(stored);
                await db.SaveChangesAsync();
                item.EvidenceFileId = stored.Id;
                item.EvidenceFileName = file.FileName;
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync();
            return await this.ShowCurrentAsync(db, () => OnGetAsync(engagementId));
        }
        TempData["Message"] = t["改善計画を保存しました。"].Value;
        return RedirectToPage(new { engagementId });
    }

    public async Task<IActionResult> OnGetEvidenceAsync(int engagementId, int planId)
    {
        var item = await db.PlanItems.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId && p.EngagementId == engagementId && p.EvidenceFileId != null);
        if (item is null)
        {
            return NotFound();
        }
        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Id == item.EvidenceFileId).Select(f => f.Content).SingleAsync();
        await db.AuditAsync(AuditActions.Download, "PlanItem", planId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var extension = Path.GetExtension(item.EvidenceFileName);
        return File(content, Uploads.ContentTypeFor(extension), item.EvidenceFileName);
    }
}
