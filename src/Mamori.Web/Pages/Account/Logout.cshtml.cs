using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Account;

/// <summary>Sign-out (POST only). The security stamp is renewed, so a copied cookie stops working too.</summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await db.AuditAsync(AuditActions.Logout, "User", user.Id, User.Identity?.Name ?? "");
        }
        await signIn.SignOutAsync();
        TempData["Message"] = t["ログアウトしました。"].Value;
        return RedirectToPage("/Index");
    }
}
