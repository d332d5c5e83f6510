using System.Reflection;
using System.Text.RegularExpressions;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Security;

/// <summary>The authorization matrix: every page handler of the app, found from the app's own endpoint list
/// and page models, is requested as every role and must answer exactly what access-matrix.txt says.
/// A page or handler added without a row fails this test; so does a row whose page is gone.
/// Ids in routes are real records: "own" ones belong to the expert/company user, "foreign" ones do not.</summary>
public partial class AccessMatrixTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    public static readonly string[] Columns = ["anonymous", "administrator", "coordinator", "expert", "expert-foreign", "company", "company-foreign"];

    private static string MatrixPath([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "access-matrix.txt");

    public sealed record Row(string Method, string Path, string? Handler, string[] Expected, int Line)
    {
        public string Key => $"{Method} {Normalize(Path)}{(Handler is null ? "" : "?handler=" + Handler)}";
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();

    private static string Normalize(string path) => Placeholder().Replace(path.TrimEnd('/'), "{}").ToLowerInvariant() is { Length: > 0 } p ? p : "/";

    public static List<Row> ReadMatrix()
    {
        var rows = new List<Row>();
        var lines = File.ReadAllLines(MatrixPath());
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(parts.Length == 2 + Columns.Length, $"access-matrix.txt line {i + 1}: expected METHOD URL and {Columns.Length} results");
            var url = parts[1];
            string? handler = null;
            var q = url.IndexOf("?handler=", StringComparison.Ordinal);
            if (q >= 0)
            {
                handler = url[(q + 9)..];
                url = url[..q];
            }
            var expected = parts[2..];
            for (var c = 0; c < expected.Length; c++)
            {
                if (expected[c] == "=")
                {
                    expected[c] = expected[c - 1];
                }
            }
            rows.Add(new Row(parts[0], url, handler, expected, i + 1));
        }
        return rows;
    }

    /// <summary>What the app really has: every Razor Page route × every handler method of its page model.</summary>
    private static HashSet<string> DiscoverEndpoints(IServiceProvider services)
    {
        var keys = new HashSet<string>();
        var modelTypes = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToDictionary(t => t.FullName!);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var page = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>();
            if (page is null)
            {
                continue;
            }
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var typeName = "Mamori.Web.Pages" + page.ViewEnginePath.Replace('/', '.') + "Model";
            Assert.True(modelTypes.TryGetValue(typeName, out var model), $"No page model {typeName} for {route}");
            // Inherited handlers count: Razor Pages discovers them too (the hearing and self-check pages share a base).
            foreach (var method in model!.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                var m = HandlerName().Match(method.Name);
                if (!m.Success)
                {
                    continue;
                }
                var verb = m.Groups[1].Value.ToUpperInvariant();
                var handler = m.Groups[2].Value;
                keys.Add($"{verb} {Normalize(route)}{(handler.Length == 0 ? "" : "?handler=" + handler)}");
            }
        }
        return keys;
    }

    [GeneratedRegex("^On(Get|Post)([A-Za-z]*?)(Async)?$")]
    private static partial Regex HandlerName();

    [Fact]
    public async Task Every_page_handler_has_a_row_and_every_row_a_page()
    {
        var app = await fixture.AppAsync();
        var actual = DiscoverEndpoints(app.Services);
        var declared = ReadMatrix().Select(r => r.Key).ToHashSet();
        var missing = actual.Except(declared).Order().ToList();
        var stale = declared.Except(actual).Order().ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in access-matrix.txt (deny by default: say who may use them):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows in access-matrix.txt for endpoints that no longer exist:\n" + string.Join("\n", stale));
    }

    public static TheoryData<int> RowLines() => [.. ReadMatrix().Select(r => r.Line)];

    [Theory]
    [MemberData(nameof(RowLines))]
    public async Task Each_role_gets_exactly_what_the_matrix_says(int line)
    {
        var row = ReadMatrix().Single(r => r.Line == line);
        var failures = new List<string>();
        for (var c = 0; c < Columns.Length; c++)
        {
            var column = Columns[c];
            var client = await fixture.ClientAsync(column);
            var url = fixture.Resolve(row.Path, column.EndsWith("-foreign", StringComparison.Ordinal)) + (row.Handler is null ? "" : "?handler=" + row.Handler);
            var response = row.Method == "GET"
                ? await client.GetAsync(url)
                : await client.Http.PostAsync(url, new FormUrlEncodedContent([]));
            var actual = Classify(response);
            if (actual != row.Expected[c])
            {
                failures.Add($"{column}: expected {row.Expected[c]}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
            }
            var body = await response.Content.ReadAsStringAsync();
            if (column.EndsWith("-foreign", StringComparison.Ordinal) && body.Contains(fixture.ForeignCanary, StringComparison.Ordinal))
            {
                failures.Add($"{column}: the foreign record's canary leaked into the response");
            }
        }
        Assert.True(failures.Count == 0, $"{row.Method} {row.Path}{(row.Handler is null ? "" : "?handler=" + row.Handler)} (line {line}):\n" + string.Join("\n", failures));
    }

    /// <summary>ok = 2xx; login = redirect to sign-in; denied = 403 or redirect to AccessDenied; 404; 400; 302 = any other redirect.</summary>
    private static string Classify(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        return code switch
        {
            >= 200 and < 300 => "ok",
            302 when location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) => "login",
            302 when location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) => "denied",
            403 => "denied",
            302 => "302",
            _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>One app (SQLite) with a signed-in client per matrix column and two sets of records:
/// own (the expert is assigned, the company user belongs to the company) and foreign (neither).</summary>
public sealed class AccessMatrixFixture : IAsyncLifetime
{
    private MamoriFactory? _app;
    private readonly Dictionary<string, AppClient> _clients = [];
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Dictionary<string, (int Own, int Foreign)> _ids = [];

    public string ForeignCanary { get; private set; } = "";

    public async Task<MamoriFactory> AppAsync()
    {
        await EnsureAsync();
        return _app!;
    }

    public async Task<AppClient> ClientAsync(string column)
    {
        await EnsureAsync();
        return _clients[column.Replace("-foreign", "", StringComparison.Ordinal)];
    }

    /// <summary>Replaces {kind} placeholders with the own or the foreign record's id.</summary>
    public string Resolve(string path, bool foreign) =>
        Regex.Replace(path.Replace("/{-}", "", StringComparison.Ordinal), @"\{([a-z-]+)\}", m =>
        {
            var ids = _ids.TryGetValue(m.Groups[1].Value, out var pair) ? pair : throw new InvalidOperationException($"No test record for {{{m.Groups[1].Value}}}");
            return (foreign ? ids.Foreign : ids.Own).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

    private async Task EnsureAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (_app is not null)
            {
                return;
            }
            var app = new MamoriFactory(TestDatabases.Sqlite);
            var year = await app.FiscalYearAsync();
            var expertUser = await app.UserAsync(Roles.Expert);
            var expert = await app.ExpertAsync(expertUser.Id);
            var otherExpert = await app.ExpertAsync();
            var ownCompany = await app.CompanyAsync();
            ForeignCanary = "CANARY" + TestData.Unique();
            var foreignCompany = await app.CompanyAsync(name: ForeignCanary + "株式会社");
            var own = await app.EngagementAsync(year, ownCompany, expert.Id);
            var foreign = await app.EngagementAsync(year, foreignCompany, otherExpert.Id);
            var companyUser = await app.UserAsync(Roles.CompanyUser, ownCompany.Id);
            var (ownSession, ownDeliverable, ownVersion) = await app.SessionAndDeliverableAsync(own.Id);
            var (foreignSession, foreignDeliverable, foreignVersion) = await app.SessionAndDeliverableAsync(foreign.Id, ForeignCanary);
            var (ownBase, ownContact) = await app.WithDbAsync(async db =>
            {
                var b = await db.Bases.FirstAsync(x => x.CompanyId == ownCompany.Id);
                var c = new Mamori.Domain.Contact { CompanyId = ownCompany.Id, Name = "担当 " + TestData.Unique() };
                db.Contacts.Add(c);
                await db.SaveChangesAsync();
                return (b.Id, c.Id);
            });
            var (ownHearing, foreignHearing) = await app.WithDbAsync(async db =>
            {
                var catalogue = await db.CatalogueVersions.OrderByDescending(v => v.Number).FirstAsync();
                var now = DateTimeOffset.UtcNow;
                Mamori.Domain.Diagnosis Hearing(Mamori.Domain.Engagement e) => new()
                {
                    Kind = Mamori.Domain.DiagnosisKind.ExpertHearing, Status = Mamori.Domain.DiagnosisStatus.Completed, CatalogueVersionId = catalogue.Id,
                    EngagementId = e.Id, CompanyId = e.CompanyId, Scope = e.CountryCode, StartedAt = now, UpdatedAt = now, CompletedAt = now, Version = Guid.NewGuid(),
                };
                var a = Hearing(own);
                var b = Hearing(foreign);
                db.Diagnoses.AddRange(a, b);
                await db.SaveChangesAsync();
                return (a.Id, b.Id);
            });
            _ids = new()
            {
                ["diagnosis"] = (ownHearing, foreignHearing),
                ["engagement"] = (own.Id, foreign.Id),
                ["company"] = (ownCompany.Id, foreignCompany.Id),
                ["application"] = (own.ApplicationId!.Value, foreign.ApplicationId!.Value),
                ["fiscal-year"] = (year.Id, year.Id),
                ["expert"] = (expert.Id, otherExpert.Id),
                ["base"] = (ownBase, ownBase),
                ["session"] = (ownSession, foreignSession),
                ["deliverable"] = (ownDeliverable, foreignDeliverable),
                ["version"] = (ownVersion, foreignVersion),
                ["contact"] = (ownContact, ownContact),
            };
            _clients["anonymous"] = app.NewClient();
            _clients["administrator"] = await app.ClientAsAsync(Roles.Administrator);
            _clients["coordinator"] = await app.ClientAsAsync(Roles.Coordinator);
            _clients["expert"] = await app.ClientAsAsync(expertUser);
            _clients["company"] = await app.ClientAsAsync(companyUser);
            _app = app;
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _lock.Dispose();
    }
}
