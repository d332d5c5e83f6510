using Mamori.Data;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Engagements.Deliverables;

/// <summary>Downloads one version of a deliverable: only for those who may view the engagement, always
/// as an attachment (never rendered in our origin), and audited.</summary>
[RequirePermission(Permissions.EngagementsViewOwn)]
public sealed class DownloadModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var visible = db.Engagements.VisibleTo(AccessScope.For(User)).Select(e => e.Id);
        var version = await db.DeliverableVersions.AsNoTracking().Where(v => v.Id == id && visible.Contains(v.Deliverable!.EngagementId))
            .Select(v => new { v.Id, v.FileName, v.ContentType, v.StoredFileId })
            .SingleOrDefaultAsync();
        if (version is null)
        {
            await db.AuditHiddenAsync(db.DeliverableVersions.Where(v => v.Id == id), "DeliverableVersion", id);
            return NotFound();
        }
        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Id == version.StoredFileId).Select(f => f.Content).SingleAsync();
        await db.AuditAsync(AuditActions.Download, "DeliverableVersion", version.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return File(content, version.ContentType, version.FileName);
    }
}
