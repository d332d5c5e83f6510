using System.Net;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;

namespace Mamori.Tests.Infrastructure;

public class SqliteRuntimeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>SQLite counts its memory only while memory statistics are on, and then every allocation
    /// takes a process-wide lock; the app turns them off before its first connection, so after real
    /// queries SQLite has counted nothing.</summary>
    [Fact]
    public async Task Sqlite_keeps_no_memory_statistics_after_serving_pages()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        using var coordinator = await app.ClientAsAsync(Roles.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/Engagements")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/Companies")).StatusCode);

        Assert.True(SqliteRuntime.MemoryStatisticsOff);
        Assert.Equal(0, SQLitePCL.raw.sqlite3_memory_used());
    }
}
