using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Mamori.Web.Security;

/// <summary>The record check of every page that declares an <see cref="EngagementOperationAttribute"/>: the engagement in
/// the route is loaded through <see cref="Visibility"/> (not found → 404), the declared operation must be allowed
/// (else 403), and the record is left in the request's features for the page (<see cref="EngagementPages.EngagementRecord"/>).</summary>
public sealed class EngagementRecordFilter(EngagementAccess access) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var declared = context.HandlerMethod?.MethodInfo.GetCustomAttribute<EngagementOperationAttribute>()
            ?? context.HandlerInstance.GetType().GetCustomAttribute<EngagementOperationAttribute>();
        if (declared is null)
        {
            await next();
            return;
        }
        if (!int.TryParse(context.RouteData.Values[declared.RouteKey] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await access.FindAsync(context.HttpContext.User, id) is not { } record)
        {
            context.Result = new NotFoundResult();
            return;
        }
        if (declared.Operation != EngagementOperations.View.Name && !record.Allowed.Contains(declared.Operation))
        {
            await access.AuditRefusedAsync(id, declared.Operation);
            context.Result = new ForbidResult();
            return;
        }
        context.HttpContext.Features.Set(record);
        await next();
    }
}
