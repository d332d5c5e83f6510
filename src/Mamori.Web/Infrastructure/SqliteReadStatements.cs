using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Mamori.Web.Infrastructure;

/// <summary>Keeps SQLite's compiled statements for EF Core's reads. Microsoft.Data.Sqlite compiles a command's SQL
/// again for every new command (dotnet/efcore#14044), and EF Core makes a new command per query; for the engagement
/// list, compiling its statement cost SQLite more than running it. A read outside a transaction (a SELECT whose
/// command has no transaction) is therefore run on a read-only connection of this pool, whose commands stay
/// compiled per SQL text, with the same parameters; EF Core reads the rows as usual.
/// <list type="bullet">
/// <item>Same results as EF Core's own connection: in WAL mode a statement sees the last committed state, and outside a
/// transaction every write the request made is committed. Reads that overlap within one DbContext (a split query's
/// statements, a read while another's rows are still being read) share one pooled connection, so they read one
/// snapshot, as they would on EF Core's connection.</item>
/// <item>Reads inside a transaction, and all writes, go through EF Core's connection.</item>
/// <item>A statement the pool cannot run falls back to EF Core's connection, which reports any real error; one that
/// needs a function or collation EF Core registers only on its own connections (say REGEXP) is not tried again.</item>
/// </list>
/// ADR 13; measured in docs/benchmarks.md ("Sixth sitting").</summary>
public sealed class SqliteReadStatements : DbCommandInterceptor, IDbConnectionInterceptor, IDisposable
{
    /// <summary>Compiled statements kept per connection; past this, the connection's statements are dropped and
    /// compiled again as used (an app runs a few dozen distinct reads).</summary>
    public const int StatementsPerConnection = 128;

    /// <summary>Idle connections kept per database; more are opened when more reads run at once, and closed when
    /// they come back to a full pool.</summary>
    public static readonly int IdleConnections = Math.Max(4, Environment.ProcessorCount * 2);

    // sqlite3_stmt_status counters (sqlite3.h), not among SQLitePCL.raw's constants.
    private const int StatementRecompiles = 5; // SQLITE_STMTSTATUS_REPREPARE
    private const int StatementRuns = 6; // SQLITE_STMTSTATUS_RUN

    private readonly ConcurrentDictionary<string, Pool> pools = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbDataReader, ContextReads> readers = [];
    private readonly ConditionalWeakTable<DbContext, ContextReads> contexts = [];
    private volatile bool disposed;

    /// <summary>One compiled statement of an idle connection: its SQL, how often it ran, and how often SQLite had to
    /// compile it again (a schema change, or a bound value the planner depends on).</summary>
    public sealed record StatementUse(string Sql, int Runs, int Recompiles);

    /// <summary>The compiled statements of the idle connections (diagnostics and tests): each idle connection is
    /// taken out of its pool while it is looked at.</summary>
    public IReadOnlyList<StatementUse> Statements() => [.. pools.Values.SelectMany(p => p.Statements())];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        result.HasResult || disposed || eventData.Context is null || !IsPlainRead(command) ? result : Run((SqliteCommand)command, eventData.Context, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReaderExecuting(command, eventData, result));
    }

    /// <summary>EF Core is done with a reader: reset the statement, and give the connection back once the context has
    /// no other reader on it. EF Core disposes the reader again afterwards, which does nothing once it is closed.</summary>
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (readers.TryGetValue(eventData.DataReader, out var reads))
        {
            readers.Remove(eventData.DataReader);
            reads.Release(eventData.DataReader);
        }
        return result;
    }

    /// <summary>EF Core closes its connection only when none of its readers is open; a pooled reader still open then was
    /// never disposed, and would keep its snapshot (and the WAL behind it) forever: close it.</summary>
    InterceptionResult IDbConnectionInterceptor.ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ReleaseLeftovers(eventData.Context);
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ReleaseLeftovers(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void ReleaseLeftovers(DbContext? context)
    {
        if (context is not null && contexts.TryGetValue(context, out var reads))
        {
            foreach (var reader in reads.ReleaseAll())
            {
                readers.Remove(reader);
            }
        }
    }

    /// <summary>A SELECT (after any leading comment lines, e.g. from TagWith) outside a transaction.</summary>
    private static bool IsPlainRead(DbCommand command)
    {
        if (command is not SqliteCommand { Transaction: null, CommandType: CommandType.Text } sqlite)
        {
            return false;
        }
        var text = sqlite.CommandText.AsSpan().TrimStart();
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOf('\n');
            text = end < 0 ? [] : text[(end + 1)..].TrimStart();
        }
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
    }

    private InterceptionResult<DbDataReader> Run(SqliteCommand command, DbContext context, InterceptionResult<DbDataReader> result)
    {
        var sql = command.CommandText;
        var pool = pools.GetOrAdd(command.Connection!.ConnectionString, static cs => new Pool(cs));
        if (!pool.Usable || pool.Uncompilable.ContainsKey(sql))
        {
            return result;
        }
        var reads = contexts.GetValue(context, static _ => new ContextReads());
        if (!reads.Open)
        {
            try
            {
                reads.Start(this, pool, pool.Rent());
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                // The file does not exist yet (first start), or cannot be opened read-only: EF Core's connection reads.
                return result;
            }
        }
        var connection = reads.Connection!;
        var (statement, kept) = connection.Statement(sql);
        try
        {
            try
            {
                statement.Prepare();
            }
            catch (SqliteException e) when (e.Message.Contains("no such function", StringComparison.Ordinal)
                || e.Message.Contains("no such collation", StringComparison.Ordinal))
            {
                if (pool.Uncompilable.Count < 1_000)
                {
                    pool.Uncompilable.TryAdd(sql, 0);
                }
                throw;
            }
            foreach (SqliteParameter parameter in command.Parameters)
            {
                statement.Parameters.Add(parameter);
            }
            statement.CommandTimeout = command.CommandTimeout;
            var reader = statement.ExecuteReader();
            reads.Add(reader, statement, kept);
            readers.Add(reader, reads);
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or ArgumentException)
        {
            // Not run here: EF Core runs it on its own connection, which reports any real error.
            statement.Parameters.Clear();
            connection.Forget(sql, statement);
            reads.ReturnIfIdle();
            return result;
        }
    }

    private void Return(Pool pool, Connection connection)
    {
        if (disposed || !pool.TryReturn(connection))
        {
            connection.Dispose();
        }
        else if (disposed)
        {
            // Disposed while it was being returned: the pool may have been emptied already.
            pool.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var pool in pools.Values)
        {
            pool.Dispose();
        }
    }

    /// <summary>The pooled readers of one DbContext, all on one connection (a DbContext runs one operation at a time,
    /// so this needs no lock).</summary>
    private sealed class ContextReads
    {
        private readonly List<(DbDataReader Reader, SqliteCommand Statement, bool Kept)> open = [];
        private SqliteReadStatements? owner;
        private Pool? pool;

        public Connection? Connection { get; private set; }

        public bool Open => Connection is not null;

        public void Start(SqliteReadStatements owner, Pool pool, Connection connection)
        {
            this.owner = owner;
            this.pool = pool;
            Connection = connection;
        }

        public void Add(DbDataReader reader, SqliteCommand statement, bool kept) => open.Add((reader, statement, kept));

        public void Release(DbDataReader reader)
        {
            var index = open.FindIndex(x => ReferenceEquals(x.Reader, reader));
            if (index >= 0)
            {
                Close(open[index]);
                open.RemoveAt(index);
            }
            ReturnIfIdle();
        }

        public List<DbDataReader> ReleaseAll()
        {
            var readers = open.Select(x => x.Reader).ToList();
            foreach (var item in open)
            {
                Close(item);
            }
            open.Clear();
            ReturnIfIdle();
            return readers;
        }

        public void ReturnIfIdle()
        {
            if (open.Count == 0 && Connection is { } connection)
            {
                Connection = null;
                owner!.Return(pool!, connection);
            }
        }

        private void Close((DbDataReader Reader, SqliteCommand Statement, bool Kept) item)
        {
            item.Reader.Dispose();
            item.Statement.Parameters.Clear();
            Connection!.Done(item.Statement, item.Kept);
        }
    }

    /// <summary>The read-only connections of one database.</summary>
    private sealed class Pool : IDisposable
    {
        private readonly ConcurrentBag<Connection> idle = [];
        private readonly string connectionString;
        private int idleCount;

        public Pool(string connectionString)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            // Only a database file can be read from another connection (a private in-memory database cannot).
            Usable = builder.Mode is SqliteOpenMode.ReadWriteCreate or SqliteOpenMode.ReadWrite
                && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:";
            builder.Mode = SqliteOpenMode.ReadOnly;
            this.connectionString = builder.ConnectionString;
        }

        public bool Usable { get; }

        public ConcurrentDictionary<string, byte> Uncompilable { get; } = new(StringComparer.Ordinal);

        public Connection Rent()
        {
            if (idle.TryTake(out var connection))
            {
                Interlocked.Decrement(ref idleCount);
                return connection;
            }
            return new Connection(connectionString);
        }

        public bool TryReturn(Connection connection)
        {
            if (Interlocked.Increment(ref idleCount) > IdleConnections)
            {
                Interlocked.Decrement(ref idleCount);
                return false;
            }
            idle.Add(connection);
            return true;
        }

        public List<StatementUse> Statements()
        {
            var taken = new List<Connection>();
            while (idle.TryTake(out var connection))
            {
                taken.Add(connection);
            }
            try
            {
                return [.. taken.SelectMany(c => c.Statements())];
            }
            finally
            {
                foreach (var connection in taken)
                {
                    idle.Add(connection);
                }
            }
        }

        public void Dispose()
        {
            while (idle.TryTake(out var connection))
            {
                Interlocked.Decrement(ref idleCount);
                connection.Dispose();
            }
        }
    }

    /// <summary>One read-only connection and its compiled statements by SQL text. Used by one DbContext at a time; a
    /// statement already running on it (the same SQL read twice at once) gets a command of its own, not kept.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly Dictionary<string, SqliteCommand> statements = new(StringComparer.Ordinal);
        private readonly HashSet<SqliteCommand> running = [];

        public Connection(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                // Lets Statements() walk this connection's statements (SQLitePCL then tracks them; they are compiled rarely).
                connection.Handle!.enable_sqlite3_next_stmt(true);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public (SqliteCommand Command, bool Kept) Statement(string sql)
        {
            if (statements.TryGetValue(sql, out var command))
            {
                if (running.Add(command))
                {
                    return (command, true);
                }
            }
            else if (statements.Count < StatementsPerConnection || DropIdleStatements())
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                statements.Add(sql, command);
                running.Add(command);
                return (command, true);
            }
            var single = connection.CreateCommand();
            single.CommandText = sql;
            return (single, false);
        }

        public void Done(SqliteCommand command, bool kept)
        {
            if (kept)
            {
                running.Remove(command);
            }
            else
            {
                command.Dispose();
            }
        }

        /// <summary>A statement that failed here: dropped (EF Core runs it on its own connection).</summary>
        public void Forget(string sql, SqliteCommand command)
        {
            running.Remove(command);
            if (statements.TryGetValue(sql, out var kept) && ReferenceEquals(kept, command))
            {
                statements.Remove(sql);
            }
            command.Dispose();
        }

        /// <summary>Drops the compiled statements when none is running; false if one is.</summary>
        private bool DropIdleStatements()
        {
            if (running.Count > 0)
            {
                return false;
            }
            foreach (var command in statements.Values)
            {
                command.Dispose();
            }
            statements.Clear();
            return true;
        }

        public List<StatementUse> Statements()
        {
            var uses = new List<StatementUse>();
            var handle = connection.Handle!;
            for (var stmt = raw.sqlite3_next_stmt(handle, null); stmt is not null && !stmt.IsInvalid; stmt = raw.sqlite3_next_stmt(handle, stmt))
            {
                uses.Add(new StatementUse(raw.sqlite3_sql(stmt).utf8_to_string(),
                    raw.sqlite3_stmt_status(stmt, StatementRuns, 0), raw.sqlite3_stmt_status(stmt, StatementRecompiles, 0)));
            }
            return uses;
        }

        public void Dispose()
        {
            foreach (var command in statements.Values)
            {
                command.Dispose();
            }
            statements.Clear();
            connection.Dispose();
        }
    }
}
