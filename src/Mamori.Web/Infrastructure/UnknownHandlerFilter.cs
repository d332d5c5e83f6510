using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Mamori.Web.Infrastructure;

/// <summary>When a request matches none of a page's handlers, Razor Pages runs no handler at all and renders the page
/// with nothing loaded: a POST to a page that only has OnGet, or <c>?handler=x</c> for a handler it lacks. The wapiti
/// baseline found 500s that way on the engagement, application, year and audit pages. This answers 405 for a method the
/// page has no handler for and 404 for an unknown handler name instead. A page with no handlers at all (plain markup)
/// renders as before; /Error and /Status have their own OnPost for re-executed POSTs.</summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var handlers = context.ActionDescriptor.HandlerMethods;
        if (context.HandlerMethod is not null || handlers.Count == 0)
        {
            return next();
        }
        var method = HttpMethods.IsHead(context.HttpContext.Request.Method) ? HttpMethods.Get : context.HttpContext.Request.Method;
        context.Result = handlers.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase))
            ? new NotFoundResult()
            : new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}
