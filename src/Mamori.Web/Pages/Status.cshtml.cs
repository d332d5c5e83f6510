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

    /// <summary>For 413: the page whose form sent the file (the same address without its handler), to choose another.</summary>
    public string? Back { get; private set; }

    public IActionResult OnGet()
    {
        // Reached directly (not by re-execution): nothing to explain.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not { } reExecuted)
        {
            return NotFound();
        }
        Code = reExecuted.OriginalStatusCode;
        if (Code == StatusCodes.Status413PayloadTooLarge)
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(reExecuted.OriginalQueryString);
            query.Remove("handler");
            var back = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
                (reExecuted.OriginalPathBase ?? "") + reExecuted.OriginalPath, query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))));
            Back = Url.IsLocalUrl(back) ? back : null; // never "//host/..." from a crafted path
        }
        return Page();
    }

    public IActionResult OnPost() => OnGet();
}
