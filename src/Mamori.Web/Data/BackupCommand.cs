using System.Diagnostics;
using Mamori.Data;
using Mamori.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mamori.Web.Data;

/// <summary><c>dotnet Mamori.Web.dll backup FILE</c> and <c>restore FILE</c>, with the app's configuration (docs/backup.md).
/// SQLite: the backup is <c>VACUUM INTO</c>, a consistent copy taken through SQLite while the app keeps writing
/// (never a copy of the raw file, which a write in progress would tear); the restore puts that file in place of the
/// configured database, for a stopped app. PostgreSQL: <c>pg_dump</c> in its custom format, and <c>pg_restore</c> into
/// the configured (empty or replaced) database. The data-protection keys are in the database, so a restored instance
/// accepts the same sign-ins. Exit codes: 0 done, 1 failed, 2 usage.</summary>
public static class BackupCommand
{
    public static bool Handles(string[] args) => args is ["backup", ..] or ["restore", ..];

    public static async Task<int> RunAsync(IServiceProvider services, IConfiguration config, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args is not [var verb, var file])
        {
            await output.WriteLineAsync("usage: dotnet Mamori.Web.dll backup FILE | restore FILE");
            return 2;
        }
        var connectionString = DatabaseSettings.ConnectionString(config, services.GetRequiredService<IHostEnvironment>());
        var postgres = DatabaseSettings.IsPostgres(config);
        if (verb == "backup")
        {
            await using var scope = services.CreateAsyncScope();
            return await BackupAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), postgres, connectionString, file, output);
        }
        return await RestoreAsync(postgres, connectionString, file, output);
    }

    /// <summary>Writes a backup of the database to a new file.</summary>
    public static async Task<int> BackupAsync(AppDbContext db, bool postgres, string connectionString, string file, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        if (File.Exists(file))
        {
            await output.WriteLineAsync($"backup: {file} exists; choose a new file name.");
            return 1;
        }
        try
        {
            if (postgres)
            {
                await RunToolAsync("pg_dump", ["--format=custom", "--no-owner", "--file", file], connectionString, output);
            }
            else
            {
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {Path.GetFullPath(file)}");
            }
            await output.WriteLineAsync($"backup written to {file} ({new FileInfo(file).Length:N0} bytes).");
            return 0;
        }
        catch (Exception ex) when (IsFailure(ex))
        {
            await output.WriteLineAsync($"backup failed: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Puts a backup in place of the configured database: for SQLite the file (the app stopped), for
    /// PostgreSQL the dump's objects (replacing those of the same name).</summary>
    public static async Task<int> RestoreAsync(bool postgres, string connectionString, string file, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"restore: {file} not found.");
            return 1;
        }
        try
        {
            if (postgres)
            {
                await RunToolAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--exit-on-error", file], connectionString, output);
            }
            else
            {
                var target = new SqliteConnectionStringBuilder(connectionString).DataSource;
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "-wal", "-shm" })
                {
                    File.Delete(target + suffix);
                }
                File.Copy(file, target, overwrite: true);
            }
            await output.WriteLineAsync($"restored {file}; start the app as usual (it applies any newer migrations).");
            return 0;
        }
        catch (Exception ex) when (IsFailure(ex))
        {
            await output.WriteLineAsync($"restore failed: {ex.Message}");
            return 1;
        }
    }

    private static bool IsFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or SqliteException or NpgsqlException or InvalidOperationException or System.ComponentModel.Win32Exception;

    /// <summary>Runs pg_dump or pg_restore against the configured database; the password goes through the
    /// environment, never the command line.</summary>
    private static async Task RunToolAsync(string tool, string[] arguments, string connectionString, TextWriter output)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(cs.Database ?? "postgres");
        start.Environment["PGHOST"] = cs.Host ?? "localhost";
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = cs.Username ?? "postgres";
        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            await output.WriteLineAsync(errors.Trim());
            throw new InvalidOperationException($"{tool} exited with code {process.ExitCode}.");
        }
    }
}
