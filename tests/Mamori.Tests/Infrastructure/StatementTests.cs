using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mamori.Tests.Infrastructure;

/// <summary>What the database is sent: every paged list writes its page size into its SQL (a bound LIMIT makes
/// SQLite compile the statement again on every run, ADR 13), and PostgreSQL keeps repeated statements prepared
/// (ADR 14).</summary>
public partial class StatementTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [GeneratedRegex(@"LIMIT\s+(\S+)\s+OFFSET", RegexOptions.IgnoreCase)]
    private static partial Regex LimitBeforeOffset();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Every_paged_list_writes_its_page_size_into_its_statement(string provider)
    {
        // Listening before the app starts: EF Core remembers for a while that nobody listens.
        using var sent = new SentCommands();
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync();
        var company = await app.CompanyAsync();
        var expert = await app.ExpertAsync();
        await app.EngagementAsync(year, company, expert.Id);
        using var administrator = await app.ClientAsAsync(Roles.Administrator);

        string[] lists = ["/Companies", "/Experts", "/Admin/Users", "/Admin/Audit", "/Engagements", "/Engagements?sort=-hours"];
        foreach (var list in lists)
        {
            var response = await administrator.GetAsync(list);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{list}: {response.StatusCode}");
        }

        var paged = sent.Texts.Where(sql => LimitBeforeOffset().IsMatch(sql)).Distinct().ToList();
        Assert.True(paged.Count >= lists.Length, $"{paged.Count} paged statements seen");
        Assert.All(paged, sql => Assert.Matches(@"^\d+$", LimitBeforeOffset().Match(sql).Groups[1].Value));
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

    /// <summary>The SQL text of every command EF Core runs while it is alive, read from EF Core's diagnostic events.</summary>
    private sealed class SentCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly ConcurrentQueue<string> _texts = new();
        private readonly List<IDisposable> _subscriptions = [];

        public SentCommands() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public IEnumerable<string> Texts => _texts;

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandEventData data)
            {
                _texts.Enqueue(data.Command.CommandText);
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
