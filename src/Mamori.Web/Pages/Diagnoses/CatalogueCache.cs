using System.Collections.Concurrent;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Diagnoses;

[FeatureApi]
public sealed class CatalogueCache
{
    private readonly ConcurrentDictionary<int, CatalogueSnapshot> _byId = new();
    private (int Id, DateTimeOffset At)? _current;
    private static readonly TimeSpan CurrentTtl = TimeSpan.FromSeconds(30);

    public async Task<CatalogueSnapshot?> GetAsync(AppDbContext db, int versionId, CancellationToken ct = default)
    {
        if (_byId.TryGetValue(versionId, out var snapshot))
        {
            return snapshot;
        }
        var version = await db.CatalogueVersions.AsNoTracking().AsSplitQuery().Include(v => v.Sections).Include(v => v.Items)
            .SingleOrDefaultAsync(v => v.Id == versionId, ct);
        return version is null ? null : _byId.GetOrAdd(versionId, _ => new CatalogueSnapshot(version));
    }

    /// <summary>The version new diagnoses use: the highest number. Re-read at most every 30 seconds so a
    /// version imported on another instance is picked up.</summary>
    public async Task<CatalogueSnapshot> CurrentAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (_current is { } c && DateTimeOffset.UtcNow - c.At < CurrentTtl && _byId.TryGetValue(c.Id, out var cached))
        {
            return cached;
        }
        var id = await db.CatalogueVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync(ct);
        _current = (id, DateTimeOffset.UtcNow);
        return (await GetAsync(db, id, ct))!;
    }

    private readonly ConcurrentDictionary<int, int> _idByNumber = new();

    /// <summary>The version with this number (as a form posts it), or null.</summary>
    public async Task<CatalogueSnapshot?> ByNumberAsync(AppDbContext db, int number, CancellationToken ct = default)
    {
        if (!_idByNumber.TryGetValue(number, out var id))
        {
            if (await db.CatalogueVersions.Where(v => v.Number == number).Select(v => (int?)v.Id).SingleOrDefaultAsync(ct) is not { } found)
            {
                return null;
            }
            id = _idByNumber.GetOrAdd(number, found);
        }
        return await GetAsync(db, id, ct);
    }

    public void Invalidate() => _current = null;
}
