using Mamori.Data;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.SelfCheck;

/// <summary>Deletes public self-checks nobody attached to an application after <c>SelfCheck:RetentionDays</c>
/// (90 by default): they describe a company's weaknesses and the program has no use for them. Runs at start-up
/// and then once a day; each run is one audited entry.</summary>
public sealed class SelfCheckRetention(IServiceScopeFactory scopes, IConfiguration config, TimeProvider time, ILogger<SelfCheckRetention> logger) : BackgroundService
{
    public const int DefaultDays = 90;

    public static int Days(IConfiguration config) => Math.Clamp(config.GetValue("SelfCheck:RetentionDays", DefaultDays), 1, 3650);

    /// <summary>Removes unattached public self-checks completed before <paramref name="now"/> minus <paramref name="days"/>; returns how many.</summary>
    public static async Task<int> PurgeAsync(AppDbContext db, DateTimeOffset now, int days, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cutoff = now.AddDays(-days);
        var removed = await db.Diagnoses
            .Where(d => d.Kind == DiagnosisKind.PublicSelfCheck && d.ApplicationId == null && d.EngagementId == null && d.StartedAt < cutoff)
            .ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            await db.AuditAsync(AuditActions.Deleted, nameof(Diagnosis), "", $"{{\"publicSelfChecks\":{removed},\"olderThanDays\":{days}}}", ct);
        }
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var removed = await PurgeAsync(db, time.GetUtcNow(), Days(config), stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Deleted {Count} public self-checks older than {Days} days", removed, Days(config));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Purging old public self-checks failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
