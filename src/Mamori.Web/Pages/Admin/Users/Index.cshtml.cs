using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Admin.Users;

[RequirePermission(Permissions.UsersManage)]
public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public sealed record Row(string Id, string UserName, string DisplayName, bool IsActive, DateTimeOffset? LockoutEnd, List<string> Roles, string? Company, string? Expert);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(q) || u.DisplayName.Contains(Q.Trim()));
        }
        if (!string.IsNullOrEmpty(Role))
        {
            var roleId = await db.Roles.Where(r => r.Name == Role).Select(r => r.Id).FirstOrDefaultAsync();
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }
        query = query.OrderBy(u => u.UserName);
        Paging = new PageInfo(Request, PageNumber, 50, await query.CountAsync());
        Rows = await query.Page(Paging).Select(u => new Row(
            u.Id, u.UserName!, u.DisplayName, u.IsActive, u.LockoutEnd,
            db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            db.Companies.Where(c => c.Id == u.CompanyId).Select(c => c.NameJa).FirstOrDefault(),
            db.Experts.Where(e => e.UserId == u.Id).Select(e => e.Name).FirstOrDefault())).ToListAsync();
    }
}
