using System.Data.Common;
using System.Net;
using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Infrastructure;

/// <summary>What the database is asked: the engagement page's reads share one open connection (ADR 17), and
/// PostgreSQL keeps repeated statements prepared (ADR 14).</summary>
public class StatementTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task The_engagement_page_reads_in_six_statements_and_opens_the_connection_twice(string provider)
    {
        var counter = new DatabaseUse();
        await using var app = new MamoriFactory(provider)
        {
            TestServices = services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(counter)),
        };
        var year = await app.FiscalYearAsync();
        var company = await app.CompanyAsync();
        var expert = await app.ExpertAsync();
        var engagement = (await app.EngagementAsync(year, company, expert.Id)).Id;
        await app.LogMinutesAsync(engagement, 90);
        using var coordinator = await app.ClientAsAsync(Roles.Coordinator);
        var url = $"/Engagements/Details/{engagement}";
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(url)).StatusCode); // sign-in checks and lookups cached

        counter.Reset();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(url)).StatusCode);

        // The record check (the page filter), then the header, experts, diagnoses, sessions and deliverables on one
        // open connection: two opens, not one per statement (ADR 17).
        Assert.Equal(6, counter.Statements);
        Assert.Equal(2, counter.Opens);
    }

    [Theory]
    [PostgresData]
    public async Task PostgreSQL_keeps_a_repeated_statement_prepared(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var code = "P" + TestData.Unique()[..8].ToUpperInvariant();
        await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                for (var i = 0; i < DatabaseSettings.AutoPrepareMinUsages + 1; i++)
                {
                    await db.Companies.AsNoTracking().Where(c => c.Code == code).CountAsync();
                }
                var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
                Assert.Contains(prepared, s => s.Contains("\"Companies\"", StringComparison.Ordinal));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    /// <summary>Counts connection opens and statements of one application's contexts while a test watches.</summary>
    private sealed class DatabaseUse : DbConnectionInterceptor, IDbCommandInterceptor
    {
        private int _opens;
        private int _statements;

        public int Opens => Volatile.Read(ref _opens);
        public int Statements => Volatile.Read(ref _statements);

        public void Reset()
        {
            Interlocked.Exchange(ref _opens, 0);
            Interlocked.Exchange(ref _statements, 0);
        }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opens);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Interlocked.Increment(ref _opens);
            return result;
        }

        public DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            Interlocked.Increment(ref _statements);
            return result;
        }
    }
}
