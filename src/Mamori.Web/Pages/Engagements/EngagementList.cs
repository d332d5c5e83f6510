using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Web.Pages.Engagements;

/// <summary>What the engagement list shows: the user's scope and the filters, as values. A null value
/// leaves its condition out.</summary>
public sealed record EngagementListFilter(
    AccessScope Scope, int? FiscalYearId = null, string? Country = null, EngagementStatus? Status = null, int? Expert = null,
    string? Number = null, string? NameKey = null)
{
    /// <summary>Null for staff (everything); otherwise the expert whose assignments are visible, -1 for none.</summary>
    public int? ScopeExpert => Scope.All ? null : Scope.ExpertId ?? -1;

    public int? ScopeCompany => Scope.All ? null : Scope.CompanyId;
}

/// <summary>The engagement list's statements. The filter is written once, as one expression over nullable
/// parameters, and used both by the page (compiled once per sort order) and by the export. EF Core knows the
/// parameter values when it writes the SQL, so a condition whose parameter is null disappears from the
/// statement (one statement is kept per pattern of nulls), and the indexes are used as with a query built
/// condition by condition. Compiling skips the expression-tree walk and cache lookup EF does for every
/// ad hoc query, a measurable share of a list request (docs/benchmarks.md).</summary>
public static class EngagementList
{
    public sealed record Row(int Id, string Number, int FiscalYearId, string Company, string Base, string Country, string? Region,
        EngagementStatus Status, DateOnly? From, DateOnly? To, int Used, int Allowance, string NextStep, string LeadExpert, int ExpertCount, int Total);

    /// <summary>Visibility and filters. An expert sees their assignments (an IN over the assignment index; a
    /// correlated EXISTS scanned every engagement), a company user also their company's engagements.</summary>
    private static readonly Expression<Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, IQueryable<Engagement>>> Filter =
        (db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany) => db.Engagements.AsNoTracking().Where(e =>
            (scopeExpert == null
                || db.EngagementExperts.Where(x => x.ExpertId == scopeExpert).Select(x => x.EngagementId).Contains(e.Id)
                || e.CompanyId == scopeCompany)
            && (fiscalYearId == null || e.FiscalYearId == fiscalYearId)
            && (country == null || e.CountryCode == country)
            && (status == null || e.Status == status)
            && (expert == null || db.EngagementExperts.Where(x => x.ExpertId == expert).Select(x => x.EngagementId).Contains(e.Id))
            // A subquery, not the Company navigation: a navigation adds its join to every statement,
            // including those where the condition is left out (the total then joined every engagement).
            && (nameKey == null || e.Number == number || db.Companies.Where(c => c.SearchText.Contains(nameKey)).Select(c => c.Id).Contains(e.CompanyId)));

    /// <summary>Sort keys of the list's column headers; every order ends on the number so pages are stable.</summary>
    private static readonly Dictionary<string, (LambdaExpression Key, bool Descending, bool NumberDescending)> Orders = new(StringComparer.Ordinal)
    {
        ["number"] = (Key(e => e.Number), false, false),
        ["-number"] = (Key(e => e.Number), true, true),
        ["start"] = (Key(e => e.SupportStart), false, false),
        ["-start"] = (Key(e => e.SupportStart), true, false),
        ["hours"] = (Key(e => e.UsedMinutes), false, false),
        ["-hours"] = (Key(e => e.UsedMinutes), true, true),
        ["status"] = (Key(e => e.Status), false, false),
    };

#pragma warning disable CA1859 // the table holds keys of different types
    private static LambdaExpression Key<TKey>(Expression<Func<Engagement, TKey>> key) => key;
#pragma warning restore CA1859

    /// <summary>Rows per page, written into the statement as a literal: SQLite compiles a statement whose LIMIT is a bound
    /// parameter again on every run (its planner uses the value), which cost as much as running the list's statement
    /// (docs/benchmarks.md, "Sixth sitting").</summary>
    public const int PageSize = PageInfo.DefaultSize;

    public static string SortKey(string? sort) => sort is not null && Orders.ContainsKey(sort) ? sort : "number";

    /// <summary>One page in one statement: the rows, the lead expert (or else any assigned one) and the number of
    /// other experts as correlated scalar subqueries over the assignment index, and the filtered total as an
    /// uncorrelated subquery SQLite evaluates once.</summary>
    private static readonly Expression<Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, int, IQueryable<Row>>> PageTemplate =
        (db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany, skip) =>
            Sorted(Filtered(db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany)).Skip(skip).Take(PageSize)
                .Select(e => Shaped(e, Total(db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany)));

    /// <summary>One expert's engagements in number order, without filters (an expert's own list, or staff filtering by
    /// one expert): the page is read in order from the assignment index (expert, engagement number), so only the
    /// page's engagements are looked up, instead of every assigned engagement being fetched and sorted (ADR 0011).</summary>
    private static readonly Expression<Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, int, IQueryable<Row>>> AssignmentPageTemplate =
        (db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany, skip) =>
            SortedAssignments(db.EngagementExperts.AsNoTracking().Where(x => x.ExpertId == (scopeExpert ?? expert))).Skip(skip).Take(PageSize)
                .Select(x => Shaped(x.Engagement!, Total(db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany)));

    /// <summary>What a row shows.</summary>
    private static readonly Expression<Func<Engagement, int, Row>> Shape = (e, total) => new Row(
        e.Id, e.Number, e.FiscalYearId, e.Company!.NameJa, e.Base!.NameJa, e.CountryCode, e.Base.RegionCode, e.Status,
        e.SupportStart, e.SupportEnd, e.UsedMinutes, e.AllowanceMinutes, e.NextStep,
        e.Experts.OrderByDescending(x => x.IsLead).Select(x => x.Expert!.Name).FirstOrDefault() ?? "",
        e.Experts.Count(),
        total);

    private static readonly Expression<Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, int>> FilteredCount =
        (db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany) =>
            Filtered(db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany).Count();

    /// <summary>The total of one expert's unfiltered list: their assignments, counted in the assignment index alone
    /// (the pair is the key, and every assignment has its engagement), instead of looking up each engagement.</summary>
    private static readonly Expression<Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, int>> AssignmentCount =
        (db, fiscalYearId, country, status, expert, number, nameKey, scopeExpert, scopeCompany) =>
            db.EngagementExperts.Count(x => x.ExpertId == (scopeExpert ?? expert));

    /// <summary>Compiled statements per model and sort order: EF Core refuses a compiled query on a model other than
    /// the one it was compiled for (an app has one; the tests run SQLite and PostgreSQL in one process).</summary>
    private static readonly ConcurrentDictionary<(IModel Model, string Sort, bool Assignments), Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, int, IAsyncEnumerable<Row>>> Pages = new();

    public static async Task<List<Row>> PageAsync(AppDbContext db, EngagementListFilter f, string? sort, int skip)
    {
        var rows = new List<Row>(PageSize);
        var page = Pages.GetOrAdd((db.Model, SortKey(sort), IsOneExpertsAssignments(f)), static key => EF.CompileAsyncQuery(Expand(
            key.Assignments && key.Sort is "number" or "-number" ? AssignmentPageTemplate : PageTemplate, key.Sort, key.Assignments)));
        await foreach (var row in page(db, f.FiscalYearId, f.Country, f.Status, f.Expert, f.Number, f.NameKey, f.ScopeExpert, f.ScopeCompany, skip))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Whether the list is exactly one expert's assignments: an expert's own list without filters, or staff
    /// filtering by one expert and nothing else.</summary>
    private static bool IsOneExpertsAssignments(EngagementListFilter f) =>
        f is { FiscalYearId: null, Country: null, Status: null, NameKey: null }
        && (f is { ScopeExpert: not null, ScopeCompany: null, Expert: null } || f is { ScopeExpert: null, Expert: not null });

    /// <summary>The filtered, sorted engagements as an ordinary query (exports), from the same filter.</summary>
    public static IQueryable<Engagement> Query(AppDbContext db, EngagementListFilter f, string? sort)
    {
        var filtered = Where(db, f);
        return filtered.Provider.CreateQuery<Engagement>(ApplyOrder(filtered.Expression, SortKey(sort)));
    }

    /// <summary>The engagements the scope may see, unordered (home page cards): the list's rule, not a copy of it.</summary>
    public static IQueryable<Engagement> Visible(AppDbContext db, AccessScope scope) => Where(db, new EngagementListFilter(scope));

    private static IQueryable<Engagement> Where(AppDbContext db, EngagementListFilter f)
    {
        // Values are read from a closure, so EF Core sends them as parameters, as with any captured variable.
        Expression<Func<IQueryable<Engagement>>> call = () =>
            Filtered(db, f.FiscalYearId, f.Country, f.Status, f.Expert, f.Number, f.NameKey, f.ScopeExpert, f.ScopeCompany);
        return ((IQueryable<Engagement>)db.Engagements).Provider.CreateQuery<Engagement>(new Inliner(null, false).Visit(call.Body));
    }

    /// <summary>Markers in the page templates, replaced by <see cref="Filter"/>, the sort order and <see cref="Shape"/>
    /// before compiling; never called.</summary>
    private static IQueryable<Engagement> Filtered(AppDbContext db, int? fiscalYearId, string? country, EngagementStatus? status, int? expert,
        string? number, string? nameKey, int? scopeExpert, int? scopeCompany) => throw new InvalidOperationException("expression marker");

    private static IQueryable<Engagement> Sorted(IQueryable<Engagement> query) => throw new InvalidOperationException("expression marker");

    private static IQueryable<EngagementExpert> SortedAssignments(IQueryable<EngagementExpert> query) => throw new InvalidOperationException("expression marker");

    private static Row Shaped(Engagement engagement, int total) => throw new InvalidOperationException("expression marker");

    private static int Total(AppDbContext db, int? fiscalYearId, string? country, EngagementStatus? status, int? expert,
        string? number, string? nameKey, int? scopeExpert, int? scopeCompany) => throw new InvalidOperationException("expression marker");

    private static Expression<Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, int, IQueryable<Row>>> Expand(
        Expression<Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, int, IQueryable<Row>>> template, string sort, bool assignmentsOnly) =>
        (Expression<Func<AppDbContext, int?, string?, EngagementStatus?, int?, string?, string?, int?, int?, int, IQueryable<Row>>>)new Inliner(sort, assignmentsOnly).Visit(template);

    private static MethodCallExpression ApplyOrder(Expression source, string sort)
    {
        var (key, descending, numberDescending) = Orders[sort];
        var ordered = Call(descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy), source, key);
        return sort is "number" or "-number"
            ? ordered
            : Call(numberDescending ? nameof(Queryable.ThenByDescending) : nameof(Queryable.ThenBy), ordered, Orders["number"].Key);
    }

    private static MethodCallExpression Call(string method, Expression source, LambdaExpression key) =>
        Expression.Call(typeof(Queryable), method, [typeof(Engagement), key.ReturnType], source, Expression.Quote(key));

    /// <summary>Replaces the markers: <c>Filtered(args)</c> by the filter's body over those arguments,
    /// <c>Sorted(q)</c> by <c>q</c> in the given order, <c>SortedAssignments(q)</c> by <c>q</c> in engagement number
    /// order (ascending or descending as the sort), <c>Total(args)</c> by the count of the filter or of the expert's
    /// assignments, <c>Shaped(e, total)</c> by the row.</summary>
    private sealed class Inliner(string? sort, bool assignmentsOnly) : ExpressionVisitor
    {
        private static readonly MethodInfo FilteredMethod = Marker(nameof(Filtered));
        private static readonly MethodInfo SortedMethod = Marker(nameof(Sorted));
        private static readonly MethodInfo SortedAssignmentsMethod = Marker(nameof(SortedAssignments));
        private static readonly MethodInfo TotalMethod = Marker(nameof(Total));
        private static readonly MethodInfo ShapedMethod = Marker(nameof(Shaped));

        private static MethodInfo Marker(string name) => typeof(EngagementList).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method == FilteredMethod)
            {
                return Apply(Filter, node);
            }
            if (node.Method == TotalMethod)
            {
                // The count's body may itself call Filtered: expand it too.
                return Visit(Apply(assignmentsOnly ? AssignmentCount : FilteredCount, node));
            }
            if (node.Method == ShapedMethod)
            {
                return Apply(Shape, node);
            }
            if (node.Method == SortedMethod)
            {
                return ApplyOrder(Visit(node.Arguments[0]), sort ?? throw new InvalidOperationException("no sort order"));
            }
            if (node.Method == SortedAssignmentsMethod)
            {
                Expression<Func<EngagementExpert, string>> key = x => x.EngagementNumber;
                return Expression.Call(typeof(Queryable), sort == "-number" ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy),
                    [typeof(EngagementExpert), typeof(string)], Visit(node.Arguments[0]), Expression.Quote(key));
            }
            return base.VisitMethodCall(node);
        }

        private Expression Apply(LambdaExpression lambda, MethodCallExpression call)
        {
            var arguments = call.Arguments.Select(Visit).ToList();
            var map = lambda.Parameters.Select((p, i) => (p, arguments[i]!)).ToDictionary(x => x.p, x => x.Item2);
            return new Substitution(map).Visit(lambda.Body);
        }
    }

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.GetValueOrDefault(node, node);
    }
}
