using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using Mamori.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Security;

/// <summary>An engagement the user can see, with what they may do with it (decided once, on load).</summary>
public sealed record EngagementRecord(EngagementResource Resource, IReadOnlySet<string> Allowed)
{
    public int Id => Resource.Id;

    /// <summary>Whether the user may do this; viewing is implied by having the record.</summary>
    public bool Can(OperationAuthorizationRequirement operation) =>
        operation == EngagementOperations.View || Allowed.Contains(operation.Name);
}

/// <summary>Loads an engagement through <see cref="Visibility"/> and asks the authorization handler what the user may
/// do with it. An engagement the user cannot see is not found (the caller answers 404, the record's existence is not
/// confirmed); a request for one that exists is written to the audit trail, as is every refused operation.</summary>
public sealed class EngagementAccess(AppDbContext db, IAuthorizationService authorization)
{
    public async Task<EngagementRecord?> FindAsync(ClaimsPrincipal user, int engagementId)
    {
        var resource = await db.Engagements.VisibleTo(AccessScope.For(user)).Where(e => e.Id == engagementId)
            .Select(e => new EngagementResource(e.Id, e.CompanyId, e.Experts.Select(x => x.ExpertId).ToList()))
            .SingleOrDefaultAsync();
        if (resource is null)
        {
            await db.AuditHiddenAsync(db.Engagements.Where(e => e.Id == engagementId), "Engagement", engagementId);
            return null;
        }
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in EngagementOperations.Decided)
        {
            if ((await authorization.AuthorizeAsync(user, resource, operation)).Succeeded)
            {
                allowed.Add(operation.Name);
            }
        }
        return new EngagementRecord(resource, allowed);
    }

    public Task AuditRefusedAsync(int engagementId, string operation) =>
        db.AuditAsync(AuditActions.Denied, "Engagement", engagementId.ToString(CultureInfo.InvariantCulture), $"{{\"operation\":\"{operation}\"}}");
}

/// <summary>Declares what a page handler does to the engagement named in its route; <see cref="EngagementRecordFilter"/>
/// checks it before the handler runs. On the page model it covers every handler; on a handler it overrides that.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class EngagementOperationAttribute(string operation) : Attribute
{
    /// <summary>The name of one of <see cref="EngagementOperations"/>.</summary>
    public string Operation { get; } = operation;

    /// <summary>The route value that holds the engagement's id.</summary>
    public string RouteKey { get; init; } = "engagementId";
}

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

public static class EngagementPages
{
    /// <summary>The engagement of the route, as <see cref="EngagementRecordFilter"/> loaded and checked it.</summary>
    public static EngagementRecord EngagementRecord(this PageModel page) => page.HttpContext.Features.GetRequiredFeature<EngagementRecord>();
}
