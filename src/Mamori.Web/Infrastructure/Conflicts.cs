using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>What a user sees when someone else saved the same record first (optimistic concurrency).</summary>
public static class Conflicts
{
    /// <summary>The message in the user's language.</summary>
    public static string Message(IStringLocalizer t) =>
        t["他の人がこの内容を先に更新しました。最新の内容を表示しています。必要な変更をもう一度入力して保存してください。"];

    /// <summary>Forgets the failed changes and the posted values, reloads the form with what is stored now,
    /// and says why: the user sees the other person's version instead of silently overwriting it.</summary>
    public static async Task<IActionResult> ShowCurrentAsync(this PageModel page, DbContext db, Func<Task<IActionResult>> reload)
    {
        db.ChangeTracker.Clear();
        page.ModelState.Clear();
        var result = await reload();
        page.ModelState.AddModelError("", Message(page.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()));
        return result;
    }
}
