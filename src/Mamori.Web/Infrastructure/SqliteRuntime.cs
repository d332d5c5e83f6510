using SQLitePCL;

namespace Mamori.Web.Infrastructure;

/// <summary>Process-wide SQLite settings, applied once before the first connection opens (SQLite accepts
/// them only before it initializes). Memory statistics are turned off: with them on, SQLite takes one
/// process-wide mutex around every allocation and free, and two requests running statements at the same time
/// queue on it. The app reads none of those statistics (no soft heap limit, no sqlite3_memory_used).
/// Measured in docs/benchmarks.md ("Fifth sitting").</summary>
public static class SqliteRuntime
{
    private static readonly Lock Gate = new();
    private static bool? _memoryStatisticsOff;

    /// <summary>Whether SQLite keeps no memory statistics in this process; false when a connection was
    /// opened before <see cref="Configure"/> ran (SQLite then keeps its defaults), null before it ran.</summary>
    public static bool? MemoryStatisticsOff
    {
        get
        {
            lock (Gate)
            {
                return _memoryStatisticsOff;
            }
        }
    }

    public static void Configure()
    {
        lock (Gate)
        {
            if (_memoryStatisticsOff is not null)
            {
                return;
            }
            Batteries_V2.Init();
            _memoryStatisticsOff = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0) == raw.SQLITE_OK;
        }
    }
}
