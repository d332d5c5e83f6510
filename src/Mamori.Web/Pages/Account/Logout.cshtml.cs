using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages.Account;

/// <summary>Sign-out (POST only). The security stamp is renewed, so a copied cookie stops working too.</summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, AppDbContext db) : PageModel
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
        TempData["Message"] = "ログアウトしました。";
        return RedirectToPage("/Index");
    }
}
