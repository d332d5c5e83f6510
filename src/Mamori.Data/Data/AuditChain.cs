using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Data;

/// <summary>The audit trail as a hash chain per UTC day (ADR 18): each row carries the hash of the row before it in
/// its day, and its own hash over that and its fields, so an edited, deleted or inserted row breaks a link that
/// <see cref="VerifyAsync"/> (the <c>audit verify</c> command) reports. Rows are sealed by <see cref="AppDbContext"/>
/// while it holds the database's write order: SQLite's write lock (EF Core transactions there begin immediate), or on
/// PostgreSQL a transaction-scoped advisory lock, so rows get their ids in the order they are chained.</summary>
public static class AuditChain
{
    /// <summary>The advisory lock key of the chain on PostgreSQL ("MAMOAUDT").</summary>
    public const long PostgresLockKey = 0x4D414D4F41554454;

    /// <summary>What a day's first row links to.</summary>
    public static string Genesis(DateOnly day) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes("mamori-audit-chain:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

    public static DateOnly DayOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return DateOnly.FromDateTime(entry.At.UtcDateTime);
    }

    /// <summary>The row's hash: SHA-256 over its previous hash and fields, each written with its length, so no two
    /// different rows give the same input.</summary>
    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            entry.PreviousHash, entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            entry.UserId ?? "", entry.UserName, entry.Action, entry.EntityType, entry.EntityId, entry.Changes, entry.IpAddress,
        })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }
        return Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The instant as both databases keep it (PostgreSQL stores microseconds), so the hash of a stored row
    /// is the hash it was sealed with.</summary>
    public static DateTimeOffset Stored(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The outcome of a verification: the rows checked, the rows from before the chain existed, and the
    /// first broken link (null when the chain is whole).</summary>
    public sealed record Verification(int Checked, int Unsealed, long? BrokenAt, string? Problem)
    {
        public bool Intact => BrokenAt is null;
    }

    /// <summary>Walks every row in id order and recomputes the chain; stops at the first broken link.</summary>
    public static async Task<Verification> VerifyAsync(AppDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var last = new Dictionary<DateOnly, string>();
        var (count, unsealed, sealedSeen) = (0, 0, false);
        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (row.Hash.Length == 0 && row.PreviousHash.Length == 0)
            {
                if (sealedSeen)
                {
                    return new Verification(count, unsealed, row.Id, "the row has no hash, but rows before it are chained (a row inserted or its hash removed)");
                }
                unsealed++;
                continue;
            }
            sealedSeen = true;
            var day = DayOf(row);
            var expected = last.TryGetValue(day, out var previous) ? previous : Genesis(day);
            if (!string.Equals(row.PreviousHash, expected, StringComparison.Ordinal))
            {
                return new Verification(count, unsealed, row.Id, previous is null
                    ? $"the row should open the chain of {day:yyyy-MM-dd} but links elsewhere (a row before it was deleted or this one inserted)"
                    : "the row does not link to the row before it in its day (a row between them was deleted, inserted or edited)");
            }
            if (!string.Equals(row.Hash, HashOf(row), StringComparison.Ordinal))
            {
                return new Verification(count, unsealed, row.Id, "the row's content does not match its hash (the row was edited)");
            }
            last[day] = row.Hash;
        }
        return new Verification(count, unsealed, null, null);
    }
}
