using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

public static class PagingQueries
{
    private static readonly MethodInfo ConstantMethod = typeof(EF).GetMethod(nameof(EF.Constant))!.MakeGenericMethod(typeof(int));

    /// <summary>The page's rows: the offset as a parameter, the page size as a literal in the SQL. EF Core sends
    /// <c>Take(n)</c> as a parameter, and SQLite compiles a statement whose LIMIT is a bound parameter again on every run
    /// (its planner uses the value), so every list request compiled its statement twice (ADR 13).</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, PageInfo paging)
    {
        var skipped = query.Skip(paging.Skip);
        var size = Expression.Call(ConstantMethod, Expression.Constant(paging.Size));
        return skipped.Provider.CreateQuery<T>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)], skipped.Expression, size));
    }
}
