using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages.Apply;

/// <summary>The receipt after applying; shows the number only to the browser that applied (TempData).</summary>
public sealed class ThanksModel : PageModel
{
    public string? Number { get; private set; }
    public string? ReceivedAt { get; private set; }

    public IActionResult OnGet()
    {
        Number = TempData["ApplicationNumber"] as string;
        ReceivedAt = TempData["ReceivedAt"] as string;
        return Number is null ? RedirectToPage("Index") : Page();
    }
}
