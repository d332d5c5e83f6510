using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Security;

public static class EngagementPages
{
    /// <summary>The engagement of the route, as <see cref="EngagementRecordFilter"/> loaded and checked it.</summary>
    public static EngagementRecord EngagementRecord(this PageModel page) => page.HttpContext.Features.GetRequiredFeature<EngagementRecord>();
}
