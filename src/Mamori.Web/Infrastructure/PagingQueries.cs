namespace Mamori.Web.Infrastructure;

public static class PagingQueries
{
    public static IQueryable<T> Page<T>(this IQueryable<T> query, PageInfo paging) => query.Skip(paging.Skip).Take(paging.Size);
}
