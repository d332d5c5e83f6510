using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

/// <summary>Where the database lives.</summary>
public static class DatabaseSettings
{
    public static bool KeysEncrypted(IConfiguration config) => config["DataProtection:CertificatePath"] is { Length: > 0 };

    public static bool IsPostgres(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Statements Npgsql keeps prepared per physical connection once one has run
    /// <see cref="AutoPrepareMinUsages"/> times (ADR 14). A connection string that sets either keyword wins.</summary>
    public const int MaxAutoPrepare = 100;
    public const int AutoPrepareMinUsages = 2;

    /// <summary>The configured connection string; for SQLite without one, data/mamori.db under the content root.
    /// On PostgreSQL, automatic statement preparation is turned on unless the string says otherwise.</summary>
    public static string ConnectionString(IConfiguration config, IHostEnvironment env)
    {
        if (config.GetConnectionString("Default") is { Length: > 0 } configured)
        {
            return IsPostgres(config) ? WithAutoPrepare(configured) : configured;
        }
        if (IsPostgres(config))
        {
            throw new InvalidOperationException("ConnectionStrings:Default is required when Database:Provider is Postgres.");
        }
        var dir = Path.Combine(env.ContentRootPath, "data");
        Directory.CreateDirectory(dir);
        return "Data Source=" + Path.Combine(dir, "mamori.db");
    }

    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }
        if (!connectionString.Contains("Auto Prepare Min Usages", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepareMinUsages", StringComparison.OrdinalIgnoreCase))
        {
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }
        return builder.ConnectionString;
    }
}
