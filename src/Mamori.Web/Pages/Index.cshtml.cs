using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages;

/// <summary>Public landing page for visitors; the signed-in user's overview.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
