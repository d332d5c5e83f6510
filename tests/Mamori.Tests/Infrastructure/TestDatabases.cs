using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace Mamori.Tests.Infrastructure;

/// <summary>Where the tests find their databases. SQLite needs nothing; PostgreSQL comes from
/// TEST_PG_ADMIN (an admin connection string, e.g. Host=127.0.0.1;Port=55432;Database=postgres;Username=postgres).
/// Without it, PostgreSQL cases are skipped locally and FAIL under CI=true.</summary>
public static class TestDatabases
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("TEST_PG_ADMIN") is { Length: > 0 } cs ? cs : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates an empty database and returns (connection string, drop action).</summary>
    public static (string ConnectionString, Func<Task> Drop) Create(string provider)
    {
        if (provider == Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"mamori-test-{Guid.NewGuid():N}.db");
            return ($"Data Source={path}", () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }
                return Task.CompletedTask;
            }
            );
        }
        var admin = PostgresAdmin ?? throw new InvalidOperationException(
            "PostgreSQL tests need TEST_PG_ADMIN (run .ci/run, which starts a throwaway PostgreSQL on 127.0.0.1).");
        var name = $"t_{Guid.NewGuid():N}";
        using (var conn = new NpgsqlConnection(admin))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE \"{name}\"";
            cmd.ExecuteNonQuery();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return (builder.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
        }
        );
    }
}

/// <summary>Runs a theory on SQLite.</summary>
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestDatabases.Sqlite]];
}

/// <summary>Runs a theory on PostgreSQL: skipped when none is configured, except under CI where that is a failure.</summary>
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (TestDatabases.PostgresAdmin is null && !TestDatabases.IsCi)
        {
            Skip = "PostgreSQL not configured (set TEST_PG_ADMIN, or run .ci/run)";
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestDatabases.Postgres]];
}
