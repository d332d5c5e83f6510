using System.Net;
using System.Security.Cryptography;
using System.Text;
using Mamori.Data;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Data;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Security;

/// <summary>Issue #19, point 5: a backup taken while the app keeps writing restores into a fresh instance that
/// accepts the old sign-in cookie (the keys came with it), whose audit chain verifies and is the source's up to the
/// moment of the backup, and whose program data has the source's digest.</summary>
public sealed class BackupRestoreTests
{
    private static Task<string> ProgramDigestAsync(MamoriFactory app) => app.WithDbAsync(async db =>
    {
        var text = new StringBuilder();
        foreach (var e in await db.Engagements.OrderBy(e => e.Id).Select(e => new { e.Id, e.Number, e.UsedMinutes, e.Status }).ToListAsync())
        {
            text.Append(e.Id).Append('|').Append(e.Number).Append('|').Append(e.UsedMinutes).Append('|').Append(e.Status).Append('\n');
        }
        foreach (var s in await db.Sessions.OrderBy(s => s.Id).Select(s => new { s.Id, s.EngagementId, s.Minutes, s.Summary }).ToListAsync())
        {
            text.Append(s.Id).Append('|').Append(s.EngagementId).Append('|').Append(s.Minutes).Append('|').Append(s.Summary).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    });

    [Theory, SqliteData, PostgresData]
    public async Task A_backup_taken_under_writes_restores_into_a_fresh_instance_that_accepts_the_old_sign_in(string provider)
    {
        await using var source = new MamoriFactory(provider);
        await source.WithDbAsync(db => DemoData.LoadProgramAsync(db, DateTimeOffset.UtcNow));
        var account = await source.UserAsync(Roles.Coordinator);
        using var signedIn = await source.ClientAsAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/Engagements")).StatusCode);
        var programDigest = await ProgramDigestAsync(source);
        var file = Path.Combine(Path.GetTempPath(), $"mamori-backup-{Guid.NewGuid():N}.{(provider == TestDatabases.Sqlite ? "db" : "dump")}");
        try
        {
            // Companies (each with its audit row) are created the whole time the backup runs.
            using var stop = new CancellationTokenSource();
            var writes = 0;
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await source.CompanyAsync();
                    Interlocked.Increment(ref writes);
                }
            });
            await WaitForWritesAsync(() => Volatile.Read(ref writes), 3); // writing before the backup starts
            var output = new StringWriter();
            var code = await source.WithDbAsync(db => BackupCommand.BackupAsync(db, provider == TestDatabases.Postgres, source.ConnectionString, file, output));
            await WaitForWritesAsync(() => Volatile.Read(ref writes), Volatile.Read(ref writes) + 3); // and after it ended
            await stop.CancelAsync();
            await writer;
            Assert.True(code == 0, output.ToString());

            await using var restored = new MamoriFactory(provider);
            Assert.Equal(0, await BackupCommand.RestoreAsync(provider == TestDatabases.Postgres, restored.ConnectionString, file, output));

            // Read before anything is done on the restored instance: its audit rows are the source's up to the backup.
            var restoredHashes = await restored.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Hash).ToListAsync());
            var sourceHashes = await source.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Hash).ToListAsync());
            Assert.InRange(restoredHashes.Count, 1, sourceHashes.Count - 1); // the source kept writing after the backup
            Assert.Equal(sourceHashes.Take(restoredHashes.Count), restoredHashes);
            var chain = await restored.WithDbAsync(db => AuditChain.VerifyAsync(db));
            Assert.True(chain.Intact, chain.Problem);
            Assert.Equal(programDigest, await ProgramDigestAsync(restored));

            // The old session cookie works on the restored instance: the data-protection keys were in the backup.
            using var sameBrowser = restored.NewClient();
            sameBrowser.Http.DefaultRequestHeaders.Add("Cookie", signedIn.CookieHeader());
            Assert.Equal(HttpStatusCode.OK, (await sameBrowser.GetAsync("/Engagements")).StatusCode);
            using var again = restored.NewClient();
            await again.LoginAsync(account.UserName!, TestData.Password);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Waits (at most a minute) until the writer has saved at least <paramref name="count"/> companies.</summary>
    private static async Task WaitForWritesAsync(Func<int> writes, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (writes() < count)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Delay(10, timeout.Token);
        }
    }
}
