using Mamori.Data;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Data;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Security;

/// <summary>Issue #19, point 4: the audit trail is a hash chain per day (ADR 18). It verifies after real use, including
/// rows written by many requests at once, and <c>audit verify</c> names the first row that was edited or deleted.</summary>
public sealed class AuditChainTests
{
    private static async Task<AuditChain.Verification> VerifyAsync(MamoriFactory app) =>
        await app.WithDbAsync(db => AuditChain.VerifyAsync(db));

    /// <summary>Sign-ins, failed sign-ins and data changes, some of them at the same time.</summary>
    private static async Task UseAsync(MamoriFactory app)
    {
        using var admin = await app.ClientAsAsync(Roles.Administrator);
        await app.CompanyAsync();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            if (i % 3 == 0)
            {
                await app.CompanyAsync();
            }
            else
            {
                using var client = app.NewClient();
                await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = $"nobody{i}@example.com", ["Input.Password"] = "wrong-password-1" });
            }
        }));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_chain_verifies_after_concurrent_use_and_names_an_edited_row(string provider)
    {
        await using var app = new MamoriFactory(provider);
        await UseAsync(app);
        var intact = await VerifyAsync(app);
        Assert.True(intact.Intact, intact.Problem);
        Assert.True(intact.Checked >= 14, $"{intact.Checked} rows");
        Assert.Equal(0, intact.Unsealed);

        var ids = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        var edited = ids[ids.Count / 2];
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Changes\" = {"{}"} WHERE \"Id\" = {edited}"));

        var broken = await VerifyAsync(app);
        Assert.Equal(edited, broken.BrokenAt);
        Assert.Contains("edited", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_row_breaks_the_link_of_the_row_after_it()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite);
        await UseAsync(app);
        var ids = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        var deleted = ids[3];
        await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == deleted).ExecuteDeleteAsync());

        var broken = await VerifyAsync(app);

        Assert.Equal(ids[4], broken.BrokenAt);
        Assert.Contains("deleted", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_day_opens_its_own_chain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 23, 59, 0, TimeSpan.Zero));
        await using var app = new MamoriFactory(TestDatabases.Sqlite) { TestServices = s => s.AddSingleton<TimeProvider>(clock) };
        await app.CompanyAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        await app.CompanyAsync();

        var rows = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync());
        var firstOfDay = rows.GroupBy(AuditChain.DayOf).Select(g => g.First()).ToList();
        Assert.Equal([new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8)], firstOfDay.Select(AuditChain.DayOf));
        Assert.All(firstOfDay, r => Assert.Equal(AuditChain.Genesis(AuditChain.DayOf(r)), r.PreviousHash));
        Assert.True((await VerifyAsync(app)).Intact);
    }

    [Fact]
    public async Task The_audit_verify_command_reports_an_intact_chain_and_then_the_broken_row()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite);
        await UseAsync(app);
        var output = new StringWriter();
        Assert.Equal(0, await AuditCommand.RunAsync(app.Services, ["audit", "verify"], output));
        Assert.StartsWith("audit chain intact:", output.ToString(), StringComparison.Ordinal);

        var last = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = {"someone-else"} WHERE \"Id\" = {last}"));
        output = new StringWriter();
        Assert.Equal(1, await AuditCommand.RunAsync(app.Services, ["audit", "verify"], output));
        Assert.StartsWith($"audit chain BROKEN at row {last}:", output.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, await AuditCommand.RunAsync(app.Services, ["audit", "check"], new StringWriter()));
    }

    [Fact]
    public async Task A_row_without_a_hash_inside_the_chain_is_reported()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite);
        await UseAsync(app);
        var middle = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Skip(5).Select(a => a.Id).FirstAsync());
        // Only rows from before the chain existed may have no hash; one after chained rows is an insertion or a wipe.
        await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == middle).ExecuteUpdateAsync(u => u.SetProperty(a => a.Hash, "").SetProperty(a => a.PreviousHash, "")));
        Assert.Equal(middle, (await VerifyAsync(app)).BrokenAt);
    }
}
