using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace Mamori.Bench;

/// <summary>Builds the benchmark database (SQLite or PostgreSQL) through the application's own start-up (migrations,
/// reference data, roles), writes the master data and engagements through EF (so every rule and index is the real one),
/// and bulk-inserts the sessions (EF would take minutes for 300,000 rows).</summary>
public static class Generator
{
    private static readonly string[] Countries = ["CN", "TH", "VN", "ID", "IN", "MY", "PH", "DE", "MX", "US"];
    private static readonly SessionType[] Types = Enum.GetValues<SessionType>();
    private static readonly string[] SessionParameters = ["$e", "$x", "$d", "$s", "$t", "$z", "$su", "$eu", "$m", "$ty", "$min", "$v"];

    public static async Task<string> RunAsync(Options o)
    {
        string connectionString;
        if (o.Postgres)
        {
            connectionString = o.Connection!;
        }
        else
        {
            var path = Path.GetFullPath(o.Db!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
            connectionString = $"Data Source={path}";
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ApplicationName = "Mamori.Web" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = o.Postgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Default"] = connectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            // EF Core logs its read of a new database's missing migrations history as a failed command (dotnet/efcore#37328);
            // a real failure still ends the generator with its exception.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
            // Production refuses to start without a key-encryption certificate otherwise; the dataset is throwaway.
            ["DataProtection:AllowUnencryptedKeys"] = "true",
        });
        // The same registrations as Program.cs, so the start-up (migrations, reference data, roles) is the app's own.
        builder.Services.AddMamoriDatabase().AddMamoriIdentity(builder.Configuration).AddMamoriDataProtection(builder.Configuration, builder.Environment)
            .AddMamoriSecurity(builder.Configuration).AddMamoriLocalization().AddMamoriPages().AddMamoriHealthChecks();
        await using var app = builder.Build();
        if (o.Postgres)
        {
            // Never write a benchmark dataset into a database that holds anything: the caller creates an empty one.
            await using var check = app.Services.CreateAsyncScope();
            var creator = check.ServiceProvider.GetRequiredService<AppDbContext>().GetService<IRelationalDatabaseCreator>();
            if (await creator.ExistsAsync() && await creator.HasTablesAsync())
            {
                throw new InvalidOperationException("The PostgreSQL database is not empty; the generator writes only into a new, empty database.");
            }
        }
        await app.InitializeAsync();

        var random = new Random(20260101);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var regions = (await db.Regions.Where(r => r.IsActive).Select(r => new { r.Code, r.CountryCode }).ToListAsync())
            .GroupBy(r => r.CountryCode).ToDictionary(g => g.Key, g => g.Select(r => r.Code).ToList());
        var zones = await db.Countries.ToDictionaryAsync(c => c.Code, c => c.TimeZoneId);

        // Years
        var firstYear = 2026 - o.Years + 1;
        for (var y = firstYear; y <= 2026; y++)
        {
            db.FiscalYears.Add(new FiscalYear
            {
                StartYear = y, OfficialName = $"{JapaneseDates.FiscalYearLabel(y)}重要技術管理体制強化事業（中小企業アウトリーチ事業（営業秘密漏えい対策））",
                Sponsor = "経済産業省 経済産業政策局 知的財産政策室", Implementer = "独立行政法人日本貿易振興機構",
                RecruitmentStart = new DateOnly(y, 6, 1), RecruitmentEnd = new DateOnly(y, 12, 31),
                SupportStart = new DateOnly(y, 7, 1), SupportEnd = new DateOnly(y + 1, 2, 28),
                TargetCountries = [.. Countries.Take(5 + (y % 5)).Select(c => new TargetCountry { CountryCode = c, Quota = 50 })],
            });
        }
        await db.SaveChangesAsync();
        var years = await db.FiscalYears.OrderBy(f => f.StartYear).ToListAsync();
        db.ChangeTracker.Clear();

        // Experts: 200, each covering one or two countries.
        var experts = new List<Expert>();
        for (var i = 1; i <= Math.Max(20, o.Companies / 25); i++)
        {
            var country = Countries[i % Countries.Length];
            experts.Add(new Expert
            {
                Code = Expert.FormatCode(i), Name = $"専門家{i:000}", NameEn = $"Expert {i:000}", Firm = $"Law Office {i % 37}", Languages = "ja;en",
                Countries = [new ExpertCountry { CountryCode = country }],
            });
        }
        db.Experts.AddRange(experts);
        await db.SaveChangesAsync();
        var expertsByCountry = experts.GroupBy(e => e.Countries[0].CountryCode).ToDictionary(g => g.Key, g => g.Select(e => e.Id).ToList());
        db.ChangeTracker.Clear();

        // Companies with one or two bases.
        var prefectures = Prefectures.All;
        var baseList = new List<(int CompanyId, int BaseId, string Country)>();
        for (var start = 1; start <= o.Companies; start += 1000)
        {
            var batch = new List<Company>();
            for (var i = start; i < Math.Min(start + 1000, o.Companies + 1); i++)
            {
                var code = "C" + i.ToString("00000", CultureInfo.InvariantCulture);
                var c = new Company
                {
                    Code = code, NameJa = $"ベンチ工業{i:00000}株式会社", NameEn = $"Bench Industries {i:00000}", Prefecture = prefectures[i % prefectures.Count],
                    Industry = "製造業", SizeBand = (SizeBand)(i % 3), Headcount = 20 + i % 500, CreatedAt = DateTimeOffset.UtcNow,
                };
                var baseCount = 1 + i % 2;
                for (var b = 1; b <= baseCount; b++)
                {
                    var country = Countries[(i + b) % Countries.Length];
                    var regionList = regions.GetValueOrDefault(country) ?? [];
                    c.Bases.Add(new Base
                    {
                        Code = Base.FormatCode(code, b), NameJa = $"拠点{i:00000}-{b}", NameLocal = $"Base {i:00000}-{b}", CountryCode = country,
                        RegionCode = regionList.Count == 0 ? null : regionList[i % regionList.Count], City = "City", Headcount = 10 + i % 300,
                    });
                }
                c.RefreshKeys();
                batch.Add(c);
            }
            db.Companies.AddRange(batch);
            await db.SaveChangesAsync();
            baseList.AddRange(batch.SelectMany(c => c.Bases.Select(b => (c.Id, b.Id, b.CountryCode))));
            db.ChangeTracker.Clear();
        }

        // Applications and engagements: an even share per year, one company x country per year.
        var perYear = o.Engagements / years.Count;
        if (perYear > baseList.Count)
        {
            // Each year has at most one engagement per company and country; more would never find a free base.
            throw new InvalidOperationException($"{perYear} engagements a year need at least as many bases; {o.Companies} companies have {baseList.Count}.");
        }
        var engagementRows = new List<(int Id, int ExpertId, string Zone, int StartYear)>();
        var baseCursor = 0;
        foreach (var year in years)
        {
            var batch = new List<Application>();
            var numberByCountry = new Dictionary<string, int>();
            var used = new HashSet<(int, string)>();
            for (var k = 0; k < perYear; k++)
            {
                (int CompanyId, int BaseId, string Country) b;
                do
                {
                    b = baseList[baseCursor++ % baseList.Count];
                }
                while (!used.Add((b.CompanyId, b.Country)));
                var seq = numberByCountry[b.Country] = numberByCountry.GetValueOrDefault(b.Country) + 1;
                var received = new DateTimeOffset(year.StartYear, 6, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(k * 7);
                var application = new Application
                {
                    Number = Application.FormatNumber(year.StartYear, k + 1), FiscalYearId = year.Id, CompanyId = b.CompanyId, BaseId = b.BaseId,
                    CountryCode = b.Country, ReceivedAt = received, Menu = SupportMenu.Hearing | SupportMenu.Advice, ConsentDataHandling = true,
                    Status = ApplicationStatus.Accepted,
                };
                var expertIds = expertsByCountry[b.Country];
                application.Engagement = new Engagement
                {
                    Number = $"{year.StartYear}-{b.Country}-{seq:0000}", FiscalYearId = year.Id, CompanyId = b.CompanyId, BaseId = b.BaseId, CountryCode = b.Country,
                    Status = year.StartYear < 2026 ? EngagementStatus.Completed : EngagementStatus.Active,
                    SupportStart = year.SupportStart, SupportEnd = year.SupportEnd, AllowanceMinutes = year.AllowanceMinutes,
                    NextStep = "フォローアップ面談", ConsentDataHandling = true,
                    Experts = [new EngagementExpert { ExpertId = expertIds[k % expertIds.Count], IsLead = true }],
                };
                batch.Add(application);
            }
            for (var i = 0; i < batch.Count; i += 500)
            {
                db.Applications.AddRange(batch.Skip(i).Take(500));
                await db.SaveChangesAsync();
                engagementRows.AddRange(batch.Skip(i).Take(500).Select(a => (a.Engagement!.Id, a.Engagement.Experts[0].ExpertId, zones[a.CountryCode], year.StartYear)));
                db.ChangeTracker.Clear();
            }
        }

        // Sessions, bulk: an even share per engagement, quarter hours within the allowance. The rows are drawn once, in
        // the same order, for either database, so SQLite and PostgreSQL get the same dataset.
        var sessions = SessionRows(o, engagementRows, random);
        if (o.Postgres)
        {
            await WritePostgresAsync((NpgsqlConnection)db.Database.GetDbConnection(), sessions);
        }
        else
        {
            await WriteSqliteAsync((SqliteConnection)db.Database.GetDbConnection(), sessions);
        }

        // Accounts for the load test: a coordinator and the expert with the most engagements, both with the second factor
        // their roles require (one authenticator key, written to the ids file for bench/run.sh's sign-in).
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorAccounts>();
        var totpKey = Totp.NewKey();
        async Task<ApplicationUser> Create(string name, string role)
        {
            var user = new ApplicationUser { UserName = name, Email = name, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
            var result = await users.CreateAsync(user, o.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, role);
            await twoFactor.EnableAsync(user, totpKey);
            return user;
        }
        await Create("bench-coordinator@bench.example", Roles.Coordinator);
        var expertUser = await Create("bench-expert@bench.example", Roles.Expert);
        var busiest = engagementRows.GroupBy(e => e.ExpertId).OrderByDescending(g => g.Count()).First();
        var expert = await db.Experts.SingleAsync(e => e.Id == busiest.Key);
        expert.UserId = expertUser.Id;
        await db.SaveChangesAsync();
        var expertEngagement = busiest.Last().Id;
        var anyEngagement = engagementRows[engagementRows.Count / 2].Id;
        var counts = new
        {
            Years = await db.FiscalYears.CountAsync(), Companies = await db.Companies.CountAsync(), Engagements = await db.Engagements.CountAsync(),
            Sessions = await db.Sessions.CountAsync(), ExpertEngagements = busiest.Count(),
        };
        await File.WriteAllTextAsync(o.Out, string.Join('\n',
            $"BENCH_PASSWORD={o.Password}",
            $"BENCH_TOTP_KEY={totpKey}",
            "BENCH_COORDINATOR=bench-coordinator@bench.example",
            "BENCH_EXPERT=bench-expert@bench.example",
            $"BENCH_ENGAGEMENT={anyEngagement}",
            $"BENCH_EXPERT_ENGAGEMENT={expertEngagement}",
            // Three years back when the dataset has them, so the filtered list reads a completed year.
            $"BENCH_LIST_YEAR={Math.Max(firstYear, 2026 - 3)}",
            $"BENCH_DATASET=\"{counts.Years} years, {counts.Companies} companies, {counts.Engagements} engagements, {counts.Sessions} sessions\"") + "\n");
        return $"years {counts.Years}, companies {counts.Companies}, engagements {counts.Engagements}, sessions {counts.Sessions}; expert {expert.Code} has {counts.ExpertEngagements} engagements; ids in {o.Out}";
    }

    private sealed record SessionRow(int EngagementId, int ExpertId, DateOnly Date, TimeOnly Start, TimeOnly End, string Zone,
        DateTime StartsAtUtc, int Minutes, int Mode, SessionType Type);

    private static IEnumerable<SessionRow> SessionRows(Options o, List<(int Id, int ExpertId, string Zone, int StartYear)> engagements, Random random)
    {
        var perEngagement = Math.Max(1, o.Sessions / Math.Max(1, engagements.Count));
        var written = 0;
        foreach (var e in engagements)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(e.Zone);
            for (var k = 0; k < perEngagement && written < o.Sessions; k++, written++)
            {
                var date = new DateOnly(e.StartYear, 7, 1).AddDays(k * 14 + random.Next(0, 10));
                var start = new TimeOnly(9 + random.Next(0, 6), 0);
                var minutes = 60 + 15 * random.Next(0, 3);
                var startUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(start), zone);
                yield return new SessionRow(e.Id, e.ExpertId, date, start, start.AddMinutes(minutes), e.Zone, startUtc, minutes, k % 2, Types[k % Types.Length]);
            }
        }
    }

    /// <summary>One prepared statement in one transaction (EF would take minutes for 300,000 rows), then the used
    /// minutes, statistics for the planner, and a checkpoint so the whole dataset is in the database file.</summary>
    private static async Task WriteSqliteAsync(SqliteConnection connection, IEnumerable<SessionRow> rows)
    {
        await connection.OpenAsync();
        await using (var tx = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO Sessions (EngagementId, ExpertId, Date, StartTime, EndTime, TimeZoneId, StartsAtUtc, EndsAtUtc, Mode, Type,
                    AttendeeCount, AttendeeRoles, Language, Minutes, Summary, OverrideReason, CreatedByUserId, Version)
                VALUES ($e, $x, $d, $s, $t, $z, $su, $eu, $m, $ty, 3, '総経理、総務部長', 'ja', $min, '助言を実施', '', NULL, $v)
                """;
            var p = SessionParameters.ToDictionary(n => n, n => cmd.Parameters.Add(n, SqliteType.Text));
            await cmd.PrepareAsync();
            foreach (var r in rows)
            {
                p["$e"].Value = r.EngagementId;
                p["$x"].Value = r.ExpertId;
                p["$d"].Value = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                p["$s"].Value = r.Start.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                p["$t"].Value = r.End.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                p["$z"].Value = r.Zone;
                p["$su"].Value = r.StartsAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                p["$eu"].Value = r.StartsAtUtc.AddMinutes(r.Minutes).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                p["$m"].Value = r.Mode;
                p["$ty"].Value = (int)r.Type;
                p["$min"].Value = r.Minutes;
                p["$v"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
                await cmd.ExecuteNonQueryAsync();
            }
            await using var sum = connection.CreateCommand();
            sum.Transaction = tx;
            sum.CommandText = "UPDATE Engagements SET UsedMinutes = COALESCE((SELECT SUM(Minutes) FROM Sessions WHERE EngagementId = Engagements.Id), 0)";
            await sum.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Binary COPY in one transaction (the PostgreSQL counterpart of the prepared insert), the used minutes,
    /// then VACUUM ANALYZE: statistics for the planner and a visibility map, as autovacuum would leave a settled
    /// database, so index-only scans are not measured against a table that was just bulk-loaded.</summary>
    private static async Task WritePostgresAsync(NpgsqlConnection connection, IEnumerable<SessionRow> rows)
    {
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY "Sessions" ("EngagementId", "ExpertId", "Date", "StartTime", "EndTime", "TimeZoneId", "StartsAtUtc", "EndsAtUtc", "Mode", "Type",
                    "AttendeeCount", "AttendeeRoles", "Language", "Minutes", "Summary", "OverrideReason", "Version") FROM STDIN (FORMAT BINARY)
                """))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.EngagementId, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.ExpertId, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.Date, NpgsqlDbType.Date);
                    await copy.WriteAsync(r.Start, NpgsqlDbType.Time);
                    await copy.WriteAsync(r.End, NpgsqlDbType.Time);
                    await copy.WriteAsync(r.Zone, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.StartsAtUtc, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.StartsAtUtc.AddMinutes(r.Minutes), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.Mode, NpgsqlDbType.Integer);
                    await copy.WriteAsync((int)r.Type, NpgsqlDbType.Integer);
                    await copy.WriteAsync(3, NpgsqlDbType.Integer);
                    await copy.WriteAsync("総経理、総務部長", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("ja", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.Minutes, NpgsqlDbType.Integer);
                    await copy.WriteAsync("助言を実施", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                }
                await copy.CompleteAsync();
            }
            await using var sum = connection.CreateCommand();
            sum.Transaction = tx;
            sum.CommandText = """UPDATE "Engagements" e SET "UsedMinutes" = COALESCE((SELECT SUM(s."Minutes") FROM "Sessions" s WHERE s."EngagementId" = e."Id"), 0)""";
            await sum.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        await using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM (ANALYZE)";
        await vacuum.ExecuteNonQueryAsync();
    }
}
