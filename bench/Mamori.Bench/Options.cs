using System.Globalization;

namespace Mamori.Bench;

public sealed record Options(string Db, int Years, int Companies, int Engagements, int Sessions, string Password, string Out)
{
    public static Options? Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }
        if (!map.TryGetValue("db", out var db))
        {
            return null;
        }
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(db, Int("years", 20), Int("companies", 5000), Int("engagements", 20000), Int("sessions", 300000),
            map.GetValueOrDefault("password", "bench-password-2026"), map.GetValueOrDefault("out", Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db))!, "bench-ids.env")));
    }
}
