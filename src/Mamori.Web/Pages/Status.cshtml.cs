using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages;

/// <summary>Friendly pages for 404, 400, 429 and other status codes without a body.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int? code)
    {
        // Reached directly (not by re-execution): nothing to explain.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            return NotFound();
        }
        Code = code ?? 404;
        return Page();
    }

    public IActionResult OnPost(int? code) => OnGet(code);
}
