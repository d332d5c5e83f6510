using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Infrastructure;

/// <summary>Builders for test data. Every name carries a unique token so tests sharing an app never collide,
/// and so a leak of one test's record into another user's page can be grepped (canary).</summary>
public static class TestData
{
    public const string Password = "correct-horse-battery-staple";

    public static string Unique(string prefix = "") => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>An account; staff and experts enrolled with an authenticator key unless <paramref name="secondFactor"/> is false.</summary>
    public static async Task<ApplicationUser> UserAsync(this MamoriFactory app, string role, int? companyId = null, string? userName = null, bool secondFactor = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = userName ?? $"{Unique(role.ToLowerInvariant())}@test.example",
            DisplayName = $"{Roles.NameJa(role)} {Unique()}",
            CompanyId = companyId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        user.Email = user.UserName;
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        if (secondFactor && Roles.RequiresTwoFactor([role]))
        {
            // Enrolled as the role requires; AppClient.LoginAsync answers the code step with the stored key.
            await scope.ServiceProvider.GetRequiredService<TwoFactorAccounts>().EnableAsync(user, Totp.NewKey());
        }
        return user;
    }

    public static async Task<AppClient> ClientAsAsync(this MamoriFactory app, string role, int? companyId = null)
    {
        var user = await app.UserAsync(role, companyId);
        return await app.NewClient().LoginAsync(user.UserName!, Password);
    }

    public static async Task<AppClient> ClientAsAsync(this MamoriFactory app, ApplicationUser user) =>
        await app.NewClient().LoginAsync(user.UserName!, Password);

    /// <summary>A fiscal year with a start year no other test uses (years are unique).</summary>
    public static async Task<FiscalYear> FiscalYearAsync(this MamoriFactory app, int allowanceHours = 23, params string[] countries) =>
        await app.FiscalYearAsync(allowanceHours, openForApplications: false, countries);

    /// <summary>A year whose recruitment window contains today when <paramref name="openForApplications"/>.</summary>
    public static async Task<FiscalYear> FiscalYearAsync(this MamoriFactory app, int allowanceHours, bool openForApplications, params string[] countries)
    {
        return await app.WithDbAsync(async db =>
        {
            var used = await db.FiscalYears.Select(f => f.StartYear).ToListAsync();
            int year;
            lock (YearLock)
            {
                do
                {
                    year = 1995 + Random.Shared.Next(0, 100);
                }
                while (used.Contains(year) || Taken.Contains(year));
                Taken.Add(year);
            }
            var fy = new FiscalYear
            {
                StartYear = year,
                OfficialName = $"テスト年度 {year} {Unique()}",
                AllowanceMinutes = allowanceHours * 60,
                SupportStart = new DateOnly(year, 6, 1),
                SupportEnd = new DateOnly(year + 1, 2, 28),
                TargetCountries = [.. (countries.Length == 0 ? ["CN", "TH"] : countries).Select(c => new TargetCountry { CountryCode = c, Quota = 5 })],
            };
            if (openForApplications)
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                fy.RecruitmentStart = today.AddDays(-10);
                fy.RecruitmentEnd = today.AddDays(10);
            }
            db.FiscalYears.Add(fy);
            await db.SaveChangesAsync();
            return fy;
        });
    }

    private static readonly Lock YearLock = new();
    private static readonly HashSet<int> Taken = [];

    public static async Task<Company> CompanyAsync(this MamoriFactory app, string country = "CN", string? region = "CN-SH", string? name = null)
    {
        return await app.WithDbAsync(async db =>
        {
            var token = Unique();
            var code = "T" + token[..8].ToUpperInvariant();
            var company = new Company
            {
                Code = code,
                NameJa = name ?? $"テスト工業{token}株式会社",
                NameEn = $"Test Industries {token}",
                Prefecture = "東京都",
                Industry = "製造業",
                SizeBand = SizeBand.Small,
                Headcount = 50,
                CreatedAt = DateTimeOffset.UtcNow,
                Bases = [new Base { Code = code + "-01", NameJa = $"テスト拠点{token}", NameLocal = $"测试{token}", CountryCode = country, RegionCode = region, City = "市内", Headcount = 20 }],
            };
            company.RefreshKeys();
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            return company;
        });
    }

    public static async Task<Expert> ExpertAsync(this MamoriFactory app, string? userId = null, string country = "CN")
    {
        return await app.WithDbAsync(async db =>
        {
            var token = Unique();
            var expert = new Expert
            {
                Code = "X" + token[..8].ToUpperInvariant(),
                Name = $"専門家 {token}",
                Firm = "テスト法律事務所",
                Languages = "ja;zh",
                UserId = userId,
                Countries = [new ExpertCountry { CountryCode = country }],
            };
            db.Experts.Add(expert);
            await db.SaveChangesAsync();
            return expert;
        });
    }

    /// <summary>An accepted application and its engagement for a new company, assigned to <paramref name="expertIds"/>.</summary>
    public static async Task<Engagement> EngagementAsync(this MamoriFactory app, FiscalYear year, Company? company = null, params int[] expertIds)
    {
        company ??= await app.CompanyAsync();
        return await app.WithDbAsync(async db =>
        {
            var baseRecord = await db.Bases.FirstAsync(b => b.CompanyId == company.Id);
            var fy = await db.FiscalYears.SingleAsync(f => f.Id == year.Id);
            var application = new Application
            {
                Number = "A" + Unique()[..8],
                FiscalYearId = fy.Id,
                CompanyId = company.Id,
                BaseId = baseRecord.Id,
                CountryCode = baseRecord.CountryCode,
                ReceivedAt = DateTimeOffset.UtcNow,
                Menu = SupportMenu.Hearing | SupportMenu.Advice,
                Concerns = "懸念 " + Unique(),
                ConsentDataHandling = true,
            };
            db.Applications.Add(application);
            application.ChangeStatus(ApplicationStatus.Screening, null, null, "test", DateTimeOffset.UtcNow);
            var engagement = application.Accept(fy, "E" + Unique()[..8], null, null, "test", DateTimeOffset.UtcNow);
            foreach (var id in expertIds)
            {
                engagement.Experts.Add(new EngagementExpert { ExpertId = id, IsLead = engagement.Experts.Count == 0 });
            }
            await db.SaveChangesAsync();
            return engagement;
        });
    }

    /// <summary>Sessions on the engagement that add up to <paramref name="minutes"/> (at most 12 hours each), logged through
    /// the allowance rule; a reason is given in case they go over.</summary>
    public static async Task LogMinutesAsync(this MamoriFactory app, int engagementId, int minutes)
    {
        await app.WithDbAsync(async db =>
        {
            var engagement = await db.Engagements.Include(e => e.FiscalYear).SingleAsync(e => e.Id == engagementId);
            var day = engagement.FiscalYear!.FirstDay.AddMonths(3);
            for (var left = minutes; left > 0; left -= 12 * 60, day = day.AddDays(1))
            {
                var chunk = Math.Min(left, 12 * 60);
                var session = new EngagementSession { EngagementId = engagementId, TimeZoneId = "Asia/Shanghai", Type = SessionType.Advice };
                session.SetTimes(day, new TimeOnly(8, 0), new TimeOnly(8, 0).AddMinutes(chunk), "Asia/Shanghai", chunk);
                engagement.Record(SessionChange.Logged, session, "テストで承認");
            }
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A one-hour session and a one-version PDF deliverable on the engagement; returns their ids.</summary>
    public static async Task<(int Session, int Deliverable, int Version)> SessionAndDeliverableAsync(this MamoriFactory app, int engagementId, string summary = "")
    {
        return await app.WithDbAsync(async db =>
        {
            var engagement = await db.Engagements.Include(e => e.FiscalYear).SingleAsync(e => e.Id == engagementId);
            var session = new EngagementSession { EngagementId = engagementId, TimeZoneId = "Asia/Shanghai", Type = SessionType.Hearing, Summary = summary };
            session.SetTimes(engagement.FiscalYear!.FirstDay.AddMonths(6), new TimeOnly(10, 0), new TimeOnly(11, 0), "Asia/Shanghai", 60);
            engagement.Record(SessionChange.Logged, session);
            var content = "%PDF-1.4 test "u8.ToArray();
            var deliverable = new Deliverable
            {
                EngagementId = engagementId, Title = "秘密保持契約書 " + summary, Kind = DeliverableKind.ContractDraft, CreatedAt = DateTimeOffset.UtcNow,
                Versions = [new DeliverableVersion { Number = 1, FileName = "nda.pdf", ContentType = "application/pdf", Size = content.Length, Sha256 = new string('0', 64), UploadedAt = DateTimeOffset.UtcNow, StoredFile = new StoredFile { Content = content } }],
            };
            db.Deliverables.Add(deliverable);
            await db.SaveChangesAsync();
            return (session.Id, deliverable.Id, deliverable.Versions[0].Id);
        });
    }
}
