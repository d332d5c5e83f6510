using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages;

/// <summary>Switches the UI language (日本語 / English) and the date style (和暦 / 西暦) by cookie.</summary>
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = culture == "en" ? "en" : "ja";
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, Secure = Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.LocalOrHome(returnUrl));
    }

    public IActionResult OnPostDates(string? style, string? returnUrl)
    {
        var chosen = Enum.TryParse<DateStyle>(style, out var s) && Enum.IsDefined(s) ? s : DateStyle.Wareki;
        Response.Cookies.Append(Display.DateStyleCookie, chosen.ToString(),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, Secure = Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.LocalOrHome(returnUrl));
    }
}
