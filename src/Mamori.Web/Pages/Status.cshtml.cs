using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages;

/// <summary>Friendly pages for 404, 400, 413, 429 and other status codes without a body. The code is the one the
/// re-execution recorded; nothing is bound from the request, because a re-executed POST still carries the original
/// body, which may be the one that could not be read (an upload over the limit).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet()
    {
        // Reached directly (not by re-execution): nothing to explain.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not { } reExecuted)
        {
            return NotFound();
        }
        Code = reExecuted.OriginalStatusCode;
        return Page();
    }

    public IActionResult OnPost() => OnGet();
}
