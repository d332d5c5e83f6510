using System.Globalization;

namespace Mamori.Bench;

/// <summary>Where the dataset goes and how large it is. <see cref="Db"/> is the SQLite file; with
/// <see cref="Postgres"/> the dataset goes to the empty PostgreSQL database named by <see cref="Connection"/> instead.</summary>
public sealed record Options(string? Db, bool Postgres, string? Connection, int Years, int Companies, int Engagements, int Sessions, string Password, string Out)
{
    public static Options? Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }
        var provider = map.GetValueOrDefault("provider", "Sqlite");
        var postgres = string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase);
        if (!postgres && !string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var db = map.GetValueOrDefault("db");
        var connection = map.GetValueOrDefault("connection");
        if (postgres ? connection is null : db is null)
        {
            return null;
        }
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var outFile = map.GetValueOrDefault("out")
            ?? (db is null ? "bench-ids.env" : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db))!, "bench-ids.env"));
        return new Options(db, postgres, connection, Int("years", 20), Int("companies", 5000), Int("engagements", 20000), Int("sessions", 300000),
            map.GetValueOrDefault("password", "bench-password-2026"), outFile);
    }
}
