using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Mamori.Web.Security;

/// <summary>The visibility rule, written once as row filters: lists query through it, and single records are
/// loaded through it, so a record the user may not see is simply not found (404). What a user may do with a
/// visible record is the authorization handler's decision (<see cref="EngagementAuthorizationHandler"/>).
/// The filters start from the <see cref="DbSet{TEntity}"/>: the expert's rule needs the assignment table as an
/// uncorrelated subquery, and the set is what knows its context.</summary>
public static class Visibility
{
    /// <summary>Staff see every engagement; an expert those assigned to them; a company user their company's.</summary>
    public static IQueryable<Engagement> VisibleTo(this DbSet<Engagement> engagements, AccessScope scope)
    {
        if (scope.All)
        {
            return engagements;
        }
        var companyId = scope.CompanyId;
        if (scope.ExpertId is not { } expertId)
        {
            return engagements.Where(e => e.CompanyId == companyId);
        }
        // IN (SELECT EngagementId FROM EngagementExperts WHERE ExpertId = @x) reads the assignment index; the correlated
        // EXISTS that the Experts navigation gives scanned every engagement (ADR 10).
        var assigned = Context(engagements).EngagementExperts.Where(x => x.ExpertId == expertId).Select(x => x.EngagementId);
        return companyId is null
            ? engagements.Where(e => assigned.Contains(e.Id))
            : engagements.Where(e => assigned.Contains(e.Id) || e.CompanyId == companyId);
    }

    /// <summary>Staff see every company; a company user their own. An expert sees a company only inside the
    /// engagements assigned to them.</summary>
    public static IQueryable<Company> VisibleTo(this DbSet<Company> companies, AccessScope scope)
    {
        var companyId = scope.CompanyId;
        return scope.All ? companies : companies.Where(c => c.Id == companyId);
    }

    /// <summary>Staff see every application; a company user their company's.</summary>
    public static IQueryable<Application> VisibleTo(this DbSet<Application> applications, AccessScope scope)
    {
        var companyId = scope.CompanyId;
        return scope.All ? applications : applications.Where(a => a.CompanyId == companyId);
    }

    /// <summary>A diagnosis follows its engagement; a self-check sent with an application (and not yet in an
    /// engagement) follows the engagement that application opened, and is otherwise the office's alone.</summary>
    public static IQueryable<Diagnosis> VisibleTo(this DbSet<Diagnosis> diagnoses, AccessScope scope)
    {
        if (scope.All)
        {
            return diagnoses;
        }
        var engagements = Context(diagnoses).Engagements.VisibleTo(scope);
        var engagementIds = engagements.Select(e => (int?)e.Id);
        var applicationIds = engagements.Where(e => e.ApplicationId != null).Select(e => e.ApplicationId);
        return diagnoses.Where(d => engagementIds.Contains(d.EngagementId)
            || d.EngagementId == null && d.ApplicationId != null && applicationIds.Contains(d.ApplicationId));
    }

    /// <summary>After a record was not found among the visible ones: if it exists, the refusal goes to the audit
    /// trail. The caller answers 404 either way, so the answer does not confirm that the record exists.</summary>
    public static async Task AuditHiddenAsync<T>(this AppDbContext db, IQueryable<T> record, string entityType, int id, string operation = "View")
    {
        if (await record.AnyAsync())
        {
            await db.AuditAsync(AuditActions.Denied, entityType, id.ToString(CultureInfo.InvariantCulture), $"{{\"operation\":\"{operation}\"}}");
        }
    }

    private static AppDbContext Context<T>(DbSet<T> set) where T : class =>
        (AppDbContext)set.GetService<ICurrentDbContext>().Context;
}
