using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Mamori.Web.Infrastructure;

/// <summary>Keeps SQLite's compiled statements for EF Core's reads. Microsoft.Data.Sqlite compiles a command's SQL
/// again for every new command (dotnet/efcore#14044), and EF Core makes a new command per query; for the engagement
/// list, compiling its statement cost SQLite more than running it. A read outside a transaction (a SELECT whose
/// command has no transaction) is therefore run on a read-only connection of this pool, whose commands stay
/// compiled per SQL text, with the same parameters; EF Core reads the rows as usual. In WAL mode such a read sees
/// exactly what EF Core's own connection would: the last committed state (outside a transaction, every write the
/// request made is committed). Reads inside a transaction, and everything else, go through EF Core's connection.
/// A statement the pool cannot compile (say, a function EF Core registers only on its own connections) falls back to
/// EF Core's connection and is not tried again. ADR 13; measured in docs/benchmarks.md ("Sixth sitting").</summary>
public sealed class SqliteReadStatements : DbCommandInterceptor, IDisposable
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
    private readonly ConditionalWeakTable<DbDataReader, Lease> leases = [];
    private volatile bool disposed;

    /// <summary>Reads run on the pool since start (for tests and diagnostics).</summary>
    public long PooledReads => Interlocked.Read(ref pooledReads);

    private long pooledReads;

    /// <summary>One compiled statement of an idle connection: its SQL, how often it ran, and how often SQLite had to
    /// compile it again (a schema change, or a bound value the planner depends on).</summary>
    public sealed record StatementUse(string Sql, int Runs, int Recompiles);

    /// <summary>The compiled statements of the idle connections (diagnostics and tests).</summary>
    public IReadOnlyList<StatementUse> Statements() => [.. pools.Values.SelectMany(p => p.Statements())];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        result.HasResult || disposed || !IsPlainRead(command) ? result : Run((SqliteCommand)command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReaderExecuting(command, eventData, result));
    }

    /// <summary>EF Core is done with a reader: reset the statement and give its connection back. EF Core disposes the
    /// reader again afterwards, which does nothing once it is closed.</summary>
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (leases.TryGetValue(eventData.DataReader, out var lease))
        {
            leases.Remove(eventData.DataReader);
            lease.Release(eventData.DataReader);
        }
        return result;
    }

    private static bool IsPlainRead(DbCommand command) =>
        command is SqliteCommand { Transaction: null, CommandType: CommandType.Text } sqlite
        && sqlite.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private InterceptionResult<DbDataReader> Run(SqliteCommand command, InterceptionResult<DbDataReader> result)
    {
        var pool = pools.GetOrAdd(command.Connection!.ConnectionString, static cs => new Pool(cs));
        if (!pool.Usable || pool.Uncompilable.ContainsKey(command.CommandText))
        {
            return result;
        }
        Connection connection;
        try
        {
            connection = pool.Rent();
        }
        catch (SqliteException)
        {
            return result;
        }
        var statement = connection.Statement(command.CommandText);
        try
        {
            foreach (SqliteParameter parameter in command.Parameters)
            {
                statement.Parameters.Add(parameter);
            }
            statement.CommandTimeout = command.CommandTimeout;
            var reader = statement.ExecuteReader();
            leases.Add(reader, new Lease(this, pool, connection, statement));
            Interlocked.Increment(ref pooledReads);
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch (SqliteException e)
        {
            // Failed here: EF Core runs it on its own connection, which reports any real error. A plain error (not
            // busy or locked) is one this connection will always have, such as a function it lacks: not tried again.
            statement.Parameters.Clear();
            connection.Forget(command.CommandText);
            if (e.SqliteErrorCode == raw.SQLITE_ERROR && pool.Uncompilable.Count < 1_000)
            {
                pool.Uncompilable.TryAdd(command.CommandText, 0);
            }
            Return(pool, connection);
            return result;
        }
    }

    private void Return(Pool pool, Connection connection)
    {
        if (disposed || !pool.TryReturn(connection))
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var pool in pools.Values)
        {
            pool.Dispose();
        }
        pools.Clear();
    }

    private sealed class Lease(SqliteReadStatements owner, Pool pool, Connection connection, SqliteCommand statement)
    {
        public void Release(DbDataReader reader)
        {
            reader.Dispose();
            statement.Parameters.Clear();
            owner.Return(pool, connection);
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

        public IEnumerable<StatementUse> Statements() => idle.ToArray().SelectMany(c => c.Statements());

        public void Dispose()
        {
            while (idle.TryTake(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>One read-only connection and its compiled statements by SQL text; used by one read at a time.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly Dictionary<string, SqliteCommand> statements = new(StringComparer.Ordinal);

        public Connection(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            connection.Open();
            // Lets Statements() walk this connection's statements (SQLitePCL then tracks them; they are compiled rarely).
            connection.Handle!.enable_sqlite3_next_stmt(true);
        }

        public SqliteCommand Statement(string sql)
        {
            if (statements.TryGetValue(sql, out var command))
            {
                return command;
            }
            if (statements.Count >= StatementsPerConnection)
            {
                DisposeStatements();
            }
            command = connection.CreateCommand();
            command.CommandText = sql;
            statements.Add(sql, command);
            return command;
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

        public void Forget(string sql)
        {
            if (statements.Remove(sql, out var command))
            {
                command.Dispose();
            }
        }

        private void DisposeStatements()
        {
            foreach (var command in statements.Values)
            {
                command.Dispose();
            }
            statements.Clear();
        }

        public void Dispose()
        {
            DisposeStatements();
            connection.Dispose();
        }
    }
}
