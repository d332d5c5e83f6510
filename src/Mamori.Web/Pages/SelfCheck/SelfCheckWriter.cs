using System.Threading.Channels;
using Mamori.Data;
using Mamori.Domain;

namespace Mamori.Web.Pages.SelfCheck;

/// <summary>Stores public self-check submissions with group commit: submissions that arrive while a transaction
/// is being written wait for the next one and are written together, so many simultaneous respondents share one
/// durable commit (with SQLite's synchronous=FULL, each commit is an fsync). A request is answered only after its
/// transaction has committed, so nothing acknowledged can be lost. docs/benchmarks.md has the figures.</summary>
public sealed class SelfCheckWriter(IServiceScopeFactory scopes, ILogger<SelfCheckWriter> logger) : BackgroundService
{
    /// <summary>At most this many submissions per transaction.</summary>
    public const int MaxBatch = 64;

    private sealed record Pending(Diagnosis Diagnosis, TaskCompletionSource Done);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues the diagnosis and returns once it is committed (or throws what the commit threw).</summary>
    public async Task SaveAsync(Diagnosis diagnosis, CancellationToken cancellationToken)
    {
        var pending = new Pending(diagnosis, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task<bool> TryWriteAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Diagnoses.AddRange(batch.Select(p => p.Diagnosis));
            await db.SaveChangesAsync(stoppingToken);
            batch.ForEach(p => p.Done.TrySetResult());
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Storing {Count} self-check submissions failed", batch.Count);
            if (batch.Count == 1)
            {
                batch[0].Done.TrySetException(ex);
            }
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            await RunAsync(batch, stoppingToken);
        }
        finally
        {
            // Shutting down: nobody may wait for ever. What was not committed is reported as not saved.
            _queue.Writer.TryComplete();
            batch.ForEach(p => p.Done.TrySetCanceled(CancellationToken.None));
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled(CancellationToken.None);
            }
        }
    }

    private async Task RunAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            if (!await TryWriteAsync(batch, stoppingToken) && batch.Count > 1)
            {
                // One bad submission must not fail the others: write them one by one.
                foreach (var single in batch)
                {
                    await TryWriteAsync([single], stoppingToken);
                }
            }
        }
    }
}
