using Mamori.Web.Infrastructure;
using Mamori.Web.Pages.Diagnoses;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages.SelfCheck;

/// <summary>The public self-check (no account), step 1: which countries the company has bases in, so the
/// country items that decide legal protection there are asked.</summary>
public sealed class IndexModel(Mamori.Data.AppDbContext db, CatalogueCache catalogues, Lookups lookups) : PageModel
{
    public IReadOnlyList<Lookups.CountryItem> Countries { get; private set; } = [];

    /// <summary>The countries the program targets most often, shown first.</summary>
    public static readonly IReadOnlyList<string> MainCountries = ["CN", "TH", "VN", "ID", "IN"];

    /// <summary>Questions every company answers (country items come on top).</summary>
    public int CommonQuestions { get; private set; }

    public async Task OnGetAsync()
    {
        Countries = await lookups.CountriesAsync();
        var catalogue = await catalogues.CurrentAsync(db, HttpContext.RequestAborted);
        CommonQuestions = catalogue.Items.Count(i => i.CountryList.Count == 0);
    }
}
