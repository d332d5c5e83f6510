using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Admin;

/// <summary>The audit trail: who did what to which record, newest first, filterable and exportable.</summary>
[RequirePermission(Permissions.AuditView)]
public sealed class AuditModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    private IQueryable<AuditEntry> Query()
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(Entity))
        {
            query = query.Where(a => a.EntityType == Entity);
        }
        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            query = query.Where(a => a.EntityId == EntityId.Trim());
        }
        if (!string.IsNullOrWhiteSpace(UserName))
        {
            query = query.Where(a => a.UserName.Contains(UserName.Trim()));
        }
        if (!string.IsNullOrEmpty(Action))
        {
            query = query.Where(a => a.Action == Action);
        }
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime();
            query = query.Where(a => a.At >= start);
        }
        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime();
            query = query.Where(a => a.At < end);
        }
        return query.OrderByDescending(a => a.Id);
    }

    public async Task OnGetAsync()
    {
        EntityTypes = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync();
        var query = Query();
        Paging = new PageInfo(Request, PageNumber, 50, await query.CountAsync());
        Rows = await query.Page(Paging).ToListAsync();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await Query().Take(100_000).ToListAsync();
        var sheet = rows.Select(a => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["日時（日本時間）"] = Display.ToZone(a.At, "Asia/Tokyo").DateTime,
            ["ユーザー"] = a.UserName,
            ["操作"] = a.Action,
            ["対象"] = a.EntityType,
            ["ID"] = a.EntityId,
            ["変更内容"] = a.Changes,
            ["IPアドレス"] = a.IpAddress,
        }).ToList();
        return await XlsxFiles.ListAsync(db, "監査ログ", "audit", sheet, time, "AuditEntry");
    }
}
