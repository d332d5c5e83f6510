using SQLitePCL;

namespace Mamori.Web.Infrastructure;

/// <summary>Process-wide SQLite settings, applied once before the first connection opens (SQLite accepts
/// them only before it initializes). Memory statistics are turned off: with them on, SQLite takes one
/// process-wide mutex around every allocation and free, and two requests running statements at the same time
/// queue on it. The app reads none of those statistics (no soft heap limit, no sqlite3_memory_used).
/// Measured in docs/benchmarks.md ("Fifth sitting"); ADR 12.</summary>
public static class SqliteRuntime
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0) == raw.SQLITE_OK;
    });

    /// <summary>Whether SQLite keeps no memory statistics in this process; false when a connection was
    /// opened before <see cref="Configure"/> ran (SQLite then keeps its defaults), null before it ran.</summary>
    public static bool? MemoryStatisticsOff => Applied.IsValueCreated ? Applied.Value : null;

    public static void Configure() => _ = Applied.Value;
}
