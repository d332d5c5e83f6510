using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Engagements.Deliverables;

/// <summary>Uploads a new deliverable, or a new version of one. Files are size- and type-checked
/// (extension and content signature), hashed, and stored in the database.</summary>
[RequirePermission(Permissions.EngagementsViewOwn)]
[RequestSizeLimit(Uploads.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxRequestBytes)]
[EngagementOperation(nameof(EngagementOperations.UploadDeliverable))]
public sealed class UploadModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public Engagement Engagement { get; private set; } = null!;
    public Deliverable? Existing { get; private set; }
    public IReadOnlyList<(int Id, DateOnly Date, SessionType Type)> Sessions { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "名称")]
        [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Title { get; set; }

        [Display(Name = "種類")]
        public DeliverableKind Kind { get; set; }

        [Display(Name = "言語")]
        public List<string> Languages { get; set; } = ["ja"];

        [Display(Name = "優先する言語")]
        public string? PrevailingLanguage { get; set; }

        [Display(Name = "関連する活動記録")]
        public int? SessionId { get; set; }

        [Display(Name = "メモ")]
        [StringLength(500, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
        public string? Note { get; set; }
    }

    private async Task<IActionResult?> PrepareAsync(int engagementId, int? deliverableId)
    {
        Engagement = await db.Engagements.AsNoTracking().Include(e => e.Company).SingleAsync(e => e.Id == engagementId);
        if (deliverableId is { } did)
        {
            Existing = await db.Deliverables.AsNoTracking().Include(d => d.Versions).SingleOrDefaultAsync(d => d.Id == did && d.EngagementId == engagementId);
            if (Existing is null)
            {
                return NotFound();
            }
        }
        Sessions = [.. (await db.Sessions.AsNoTracking().Where(s => s.EngagementId == engagementId).OrderBy(s => s.StartsAtUtc)
            .Select(s => new { s.Id, s.Date, s.Type }).ToListAsync()).Select(s => (s.Id, s.Date, s.Type))];
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int engagementId, int? deliverableId) =>
        await PrepareAsync(engagementId, deliverableId) ?? Page();

    public async Task<IActionResult> OnPostAsync(int engagementId, int? deliverableId)
    {
        if (await PrepareAsync(engagementId, deliverableId) is { } denied)
        {
            return denied;
        }
        if (Existing is null)
        {
            if (string.IsNullOrWhiteSpace(Input.Title))
            {
                ModelState.AddModelError("Input.Title", t["名称を入力してください。"]);
            }
            if (!Enum.IsDefined(Input.Kind))
            {
                ModelState.AddModelError("Input.Kind", t["種類を一覧から選んでください。"]);
            }
            if (Input.Languages.Count == 0 || Input.Languages.Any(l => !Languages.IsValid(l)))
            {
                ModelState.AddModelError("Input.Languages", t["言語を一覧から1つ以上選んでください。"]);
            }
            if (Input.Languages.Distinct().Count() > 1 && (string.IsNullOrEmpty(Input.PrevailingLanguage) || !Input.Languages.Contains(Input.PrevailingLanguage)))
            {
                ModelState.AddModelError("Input.PrevailingLanguage", t["複数の言語で作成した文書は、どの言語の版が優先するかを選んでください。"]);
            }
            if (Input.SessionId is { } sid && Sessions.All(s => s.Id != sid))
            {
                ModelState.AddModelError("Input.SessionId", t["関連する活動記録はこの個別支援のものから選んでください。"]);
            }
        }
        var (file, error) = await Uploads.CheckAsync(Upload, t, HttpContext.RequestAborted);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Upload), t["ファイル: {0}", error]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = time.GetUtcNow();
        Deliverable deliverable;
        if (Existing is null)
        {
            var languages = Input.Languages.Distinct().ToList();
            deliverable = new Deliverable
            {
                EngagementId = engagementId, SessionId = Input.SessionId, Kind = Input.Kind, Title = Input.Title!.Trim(),
                Languages = string.Join(";", languages), PrevailingLanguage = languages.Count > 1 ? Input.PrevailingLanguage! : "", CreatedAt = now,
            };
            db.Deliverables.Add(deliverable);
        }
        else
        {
            deliverable = await db.Deliverables.Include(d => d.Versions).SingleAsync(d => d.Id == Existing.Id);
        }
        deliverable.Versions.Add(new DeliverableVersion
        {
            Number = deliverable.Versions.Count == 0 ? 1 : deliverable.Versions.Max(v => v.Number) + 1,
            FileName = file!.FileName, ContentType = file.ContentType, Size = file.Content.LongLength, Sha256 = file.Sha256,
            Note = Input.Note?.Trim() ?? "", UploadedAt = now, UploadedByUserId = User.UserId(), UploadedByName = User.DisplayName(),
            StoredFile = new StoredFile { Content = file.Content },
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two uploads of a new version at the same moment: the (deliverable, number) index refused the second.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(Upload), t["同時に別の版が登録されました。もう一度アップロードしてください。"]);
            return Page();
        }
        TempData["Message"] = t["「{0}」v{1} を登録しました。", deliverable.Title, deliverable.Versions.Max(v => v.Number)].Value;
        return RedirectToPage("/Engagements/Details", new { id = engagementId });
    }
}
