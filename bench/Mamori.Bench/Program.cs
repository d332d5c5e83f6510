using System.Diagnostics;
using System.Globalization;
using Mamori.Bench;

// Generates a large dataset for the benchmarks (see bench/README.md and docs/benchmarks.md), in SQLite by default:
//   dotnet run -c Release --project bench/Mamori.Bench -- --db bench/out/bench.db
// or in an empty PostgreSQL database:
//   dotnet run -c Release --project bench/Mamori.Bench -- --provider Postgres --connection "Host=…;Database=…;Username=…" --out FILE
// Options: --years 20 --companies 5000 --engagements 20000 --sessions 300000 --password <for the bench accounts>
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Mamori.Bench (--db PATH | --provider Postgres --connection CONNSTRING) [--years N] [--companies N] [--engagements N] [--sessions N] [--password P] [--out FILE]");
    return 2;
}
var watch = Stopwatch.StartNew();
var summary = await Generator.RunAsync(options);
Console.WriteLine(summary);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated in {watch.Elapsed.TotalSeconds:0.0} s"));
return 0;
