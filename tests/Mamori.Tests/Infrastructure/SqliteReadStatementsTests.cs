using System.Net;
using System.Text.RegularExpressions;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Infrastructure;

/// <summary>Reads outside a transaction run on read-only connections that keep their compiled statements
/// (<see cref="SqliteReadStatements"/>); everything else runs on EF Core's own connection.</summary>
public class SqliteReadStatementsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static SqliteReadStatements Reads(MamoriFactory app) => app.Services.GetRequiredService<SqliteReadStatements>();

    /// <summary>The list's statement is compiled once per connection and run again with new values; SQLite never has
    /// to compile it again (it would on every run if the page size were a bound parameter).</summary>
    [Fact]
    public async Task The_engagement_list_statement_is_compiled_once_and_run_again()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        var year = await app.FiscalYearAsync();
        var company = await app.CompanyAsync(country: "TH", region: null);
        await app.EngagementAsync(year, company);
        using var coordinator = await app.ClientAsAsync(Roles.Coordinator);

        for (var page = 1; page <= 6; page++)
        {
            var response = await coordinator.GetAsync($"/Engagements?year={year.StartYear}&country=TH&p={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var list = Reads(app).Statements()
            .Where(s => s.Sql.Contains("FROM \"Engagements\"", StringComparison.Ordinal)
                && s.Sql.Contains($"LIMIT {EngagementListPageSize} OFFSET @skip", StringComparison.Ordinal)
                && s.Sql.Contains("\"CountryCode\" = @country", StringComparison.Ordinal)
                && !s.Sql.Contains("\"Status\" = @status", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(list);
        Assert.True(list.Sum(s => s.Runs) >= 6, $"ran {list.Sum(s => s.Runs)} times on {list.Count} connections");
        Assert.True(list.Count < list.Sum(s => s.Runs), "each run compiled its own statement");
        Assert.All(list, s => Assert.Equal(0, s.Recompiles));
    }

    /// <summary>Every paged list writes its page size into its statement, so none is compiled again on a later run.</summary>
    [Fact]
    public async Task No_list_statement_is_compiled_again_when_run_again()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        await app.CompanyAsync();
        await app.ExpertAsync();
        using var administrator = await app.ClientAsAsync(Roles.Administrator);

        string[] lists = ["/Companies", "/Experts", "/Applications", "/Admin/Users", "/Admin/Audit", "/Engagements"];
        for (var round = 0; round < 3; round++)
        {
            foreach (var list in lists)
            {
                var response = await administrator.GetAsync(list);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{list}: {response.StatusCode}");
            }
        }

        var paged = Reads(app).Statements().Where(s => s.Sql.Contains("OFFSET", StringComparison.Ordinal)).ToList();
        Assert.True(paged.Select(s => s.Sql).Distinct().Count() >= lists.Length, $"{paged.Count} paged statements");
        Assert.All(paged, s => Assert.True(s.Recompiles == 0, $"compiled again {s.Recompiles} times in {s.Runs} runs: {s.Sql}"));
    }

    private const int EngagementListPageSize = Mamori.Web.Pages.Engagements.EngagementList.PageSize;

    /// <summary>Inside a transaction a read sees the transaction's own uncommitted rows: it runs on the transaction's
    /// connection, never on a pooled one.</summary>
    [Fact]
    public async Task A_read_inside_a_transaction_sees_its_own_uncommitted_rows()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        var code = "X" + TestData.Unique()[..8].ToUpperInvariant();

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Experts.Add(new Expert { Code = code, Name = "取引中 " + code, Firm = "テスト", Languages = "ja" });
            await db.SaveChangesAsync();

            Assert.Equal(1, await db.Experts.CountAsync(x => x.Code == code));

            await transaction.RollbackAsync();
        });

        Assert.Equal(0, await app.WithDbAsync(db => db.Experts.CountAsync(x => x.Code == code)));
    }

    /// <summary>Outside a transaction a read runs on the pool and sees what was just committed.</summary>
    [Fact]
    public async Task A_read_after_a_commit_runs_on_the_pool_and_sees_the_committed_row()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        var expert = await app.ExpertAsync();
        var tag = "read-after-commit " + TestData.Unique();

        var name = await app.WithDbAsync(db => db.Experts.TagWith(tag).Where(x => x.Id == expert.Id).Select(x => x.Name).SingleAsync());

        Assert.Equal(expert.Name, name);
        Assert.Contains(Reads(app).Statements(), s => s.Sql.Contains(tag, StringComparison.Ordinal));
    }

    /// <summary>Reads that overlap in one DbContext (here a read while another's rows are still being read, as a split
    /// query does) see one snapshot, as on EF Core's own connection: a row committed meanwhile by someone else is not
    /// seen until the first read is done.</summary>
    [Fact]
    public async Task Overlapping_reads_of_one_context_see_one_snapshot()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        await app.ExpertAsync();
        await app.ExpertAsync();

        var (during, added) = await app.WithDbAsync(async db =>
        {
            await using var outer = db.Experts.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Id).AsAsyncEnumerable().GetAsyncEnumerator();
            Assert.True(await outer.MoveNextAsync());
            var added = await app.ExpertAsync();
            return (await db.Experts.CountAsync(x => x.Id == added.Id), added);
        });

        Assert.Equal(0, during);
        Assert.Equal(1, await app.WithDbAsync(db => db.Experts.CountAsync(x => x.Id == added.Id)));
    }

    /// <summary>A statement the read-only connections cannot compile (REGEXP is a function EF Core registers only on its
    /// own connections) still answers, from EF Core's connection, and is not kept on the pool.</summary>
    [Fact]
    public async Task A_statement_the_pool_cannot_compile_runs_on_EF_Cores_connection()
    {
        var app = await fixture.GetAsync(TestDatabases.Sqlite);
        var expert = await app.ExpertAsync();
        var pattern = "^" + Regex.Escape(expert.Code) + "$";

        for (var i = 0; i < 2; i++)
        {
            var codes = await app.WithDbAsync(db => db.Experts.Where(x => Regex.IsMatch(x.Code, pattern)).Select(x => x.Code).ToListAsync());
            Assert.Equal([expert.Code], codes);
        }
        Assert.DoesNotContain(Reads(app).Statements(), s => s.Sql.Contains("REGEXP", StringComparison.Ordinal));
    }
}
