using Mamori.Domain;
using Mamori.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests;

public class DemoDataTests
{
    [Fact]
    public async Task Development_start_loads_the_fy2022_program_of_the_reference_report()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite, new Dictionary<string, string?> { ["Demo:Seed"] = "true" }) { Environment = "Development" };
        _ = app.Server;
        var year = await app.WithDbAsync(db => db.FiscalYears.Include(f => f.TargetCountries).SingleAsync());
        Assert.Equal(2022, year.StartYear);
        Assert.Equal("令和4年度", year.WarekiLabel);
        Assert.StartsWith("令和4年度重要技術管理体制強化事業", year.OfficialName, StringComparison.Ordinal);
        Assert.Equal(["CN", "ID", "TH", "VN"], year.TargetCountries.Select(t => t.CountryCode).Order());

        var engagements = await app.WithDbAsync(db => db.Engagements.Include(e => e.Base).ThenInclude(b => b!.Region)
            .OrderBy(e => e.Application!.ReceivedAt).ToListAsync());
        Assert.Equal(10, engagements.Count);
        Assert.Equal(5, engagements.Count(e => e.CountryCode == "CN"));
        Assert.Equal(3, engagements.Count(e => e.CountryCode == "TH"));
        Assert.Equal(2, engagements.Count(e => e.CountryCode == "ID"));
        Assert.DoesNotContain(engagements, e => e.CountryCode == "VN");
        // seed-report-fy2022.txt: C社 江蘇省 10月19日(水)～2月13日(月); I社 ジャカルタ首都特別州 1月13日(金)～2月16日(木)
        var periods = engagements.Select(e => $"{e.Base!.Region!.NameJa} {JapaneseDates.ReportRange(e.SupportStart!.Value, e.SupportEnd!.Value)}").ToList();
        Assert.Contains("江蘇省 10月19日(水)～2月13日(月)", periods);
        Assert.Contains("ジャカルタ首都特別州 1月13日(金)～2月16日(木)", periods);
        Assert.Contains("サムットプラーカーン県 11月28日(月)～2月17日(金)", periods);
        Assert.Equal(4, await app.WithDbAsync(db => db.Users.CountAsync()));
        // Each demo engagement has a completed hearing and plan items, so the diagnosis pages have something to show.
        var hearings = await app.WithDbAsync(db => db.Diagnoses.Where(d => d.Kind == DiagnosisKind.ExpertHearing).ToListAsync());
        Assert.Equal(10, hearings.Count);
        Assert.All(hearings, h => Assert.InRange(h.TotalScore!.Value, 1, 99));
        Assert.Equal(40, await app.WithDbAsync(db => db.PlanItems.CountAsync()));
    }

    [Fact]
    public async Task Development_demo_staff_accounts_print_an_authenticator_key_a_newcomer_can_sign_in_with()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite, new Dictionary<string, string?> { ["Demo:Seed"] = "true" }) { Environment = "Development" };
        _ = app.Server;
        var dataSource = await app.WithDbAsync(db => Task.FromResult(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource));
        var lines = await File.ReadAllLinesAsync(Path.Combine(Path.GetDirectoryName(dataSource)!, Mamori.Web.Data.DemoData.AccountsFile));
        var admin = lines.Single(l => l.Contains("admin@demo.mamori.example", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var company = lines.Single(l => l.Contains("company@demo.mamori.example", StringComparison.Ordinal));
        Assert.Equal(4, lines.Count(l => l.Contains("@demo.mamori.example", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.Contains("authenticator key ", StringComparison.Ordinal)));
        Assert.DoesNotContain("authenticator key", company, StringComparison.Ordinal); // optional for company users

        // As a newcomer would: the password, then the code an app makes from the printed key.
        using var client = app.NewClient();
        var password = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = admin[1], ["Input.Password"] = admin[2] });
        var codeStep = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/Account/TwoFactor?", codeStep, StringComparison.Ordinal);
        await AppClient.AssertRedirectAsync(await client.SubmitAsync(codeStep, new() { ["Code"] = Mamori.Testing.AuthenticatorApp.Code(admin[^1]) }, "form[data-two-factor-code]"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task Production_start_never_loads_demo_data_or_accounts()
    {
        await using var app = new MamoriFactory(TestDatabases.Sqlite, new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true",
            ["DataProtection:AllowUnencryptedKeys"] = "true",
        })
        { Environment = "Production" };
        _ = app.Server;
        Assert.Equal(0, await app.WithDbAsync(db => db.FiscalYears.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.Countries.AnyAsync()));
    }
}
