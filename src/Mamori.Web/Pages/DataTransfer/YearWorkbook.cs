using System.Data;
using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Workbooks;
using Microsoft.EntityFrameworkCore;
using S = Mamori.Web.Pages.DataTransfer.WorkbookSchema;

namespace Mamori.Web.Pages.DataTransfer;

/// <summary>Exports one fiscal year to one XLSX workbook and imports such a workbook, all-or-nothing.
/// Records are keyed by their codes and numbers, so export → import into an empty database → export
/// gives the same content. Values are written as text where Excel would otherwise reinterpret them
/// (dates, times, codes); reading accepts both text and Excel's own date and number cells.</summary>
public sealed partial class YearWorkbook(AppDbContext db, Lookups lookups, TimeProvider time)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Yes = SheetReader.Yes;

    // ---------- Export ----------

    public async Task<byte[]> ExportAsync(int fiscalYearId, CancellationToken ct = default)
    {
        var year = await db.FiscalYears.AsNoTracking().Include(f => f.TargetCountries).SingleAsync(f => f.Id == fiscalYearId, ct);
        var applications = await db.Applications.AsNoTracking().Include(a => a.InformationAssets).Include(a => a.StatusChanges)
            .Where(a => a.FiscalYearId == fiscalYearId).AsSplitQuery().ToListAsync(ct);
        var engagements = await db.Engagements.AsNoTracking().Include(e => e.Experts)
            .Where(e => e.FiscalYearId == fiscalYearId).ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.Engagement!.FiscalYearId == fiscalYearId).ToListAsync(ct);
        var companyIds = applications.Select(a => a.CompanyId).Concat(engagements.Select(e => e.CompanyId)).ToHashSet();
        var companies = await db.Companies.AsNoTracking().Include(c => c.Bases).Include(c => c.Contacts)
            .Where(c => companyIds.Contains(c.Id)).AsSplitQuery().ToListAsync(ct);
        var expertIds = engagements.SelectMany(e => e.Experts.Select(x => x.ExpertId)).Concat(sessions.Where(s => s.ExpertId != null).Select(s => s.ExpertId!.Value)).ToHashSet();
        var experts = await db.Experts.AsNoTracking().Include(e => e.Countries).Where(e => expertIds.Contains(e.Id)).ToListAsync(ct);

        var companyCode = companies.ToDictionary(c => c.Id, c => c.Code);
        var baseCode = companies.SelectMany(c => c.Bases).ToDictionary(b => b.Id, b => b.Code);
        var expertCode = experts.ToDictionary(e => e.Id, e => e.Code);
        var applicationNumber = applications.ToDictionary(a => a.Id, a => a.Number);
        var engagementNumber = engagements.ToDictionary(e => e.Id, e => e.Number);

        var sheets = new Dictionary<string, object>();
        var t = Table(S.Year);
        t.Rows.Add(year.StartYear.ToString(Inv), year.OfficialName, year.Sponsor, year.Implementer, D(year.RecruitmentStart), D(year.RecruitmentEnd),
            D(year.SupportStart), D(year.SupportEnd), H(year.AllowanceMinutes), H(year.SetupConsultationMinutes));
        sheets[S.Year.Name] = t;

        t = Table(S.Targets);
        foreach (var target in year.TargetCountries.OrderBy(x => x.CountryCode, StringComparer.Ordinal))
        {
            t.Rows.Add(target.CountryCode, target.Quota?.ToString(Inv) ?? "", target.Note);
        }
        sheets[S.Targets.Name] = t;

        t = Table(S.Companies);
        foreach (var c in companies.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            t.Rows.Add(c.Code, c.NameJa, c.NameEn, c.Prefecture, c.Industry, Names.Of(c.SizeBand), N(c.Headcount), c.CapitalYen?.ToString(Inv) ?? "", c.IsProvisional ? Yes : "");
        }
        sheets[S.Companies.Name] = t;

        t = Table(S.Bases);
        foreach (var b in companies.SelectMany(c => c.Bases).OrderBy(b => b.Code, StringComparer.Ordinal))
        {
            t.Rows.Add(b.Code, companyCode[b.CompanyId], b.NameJa, b.NameLocal, Names.Of(b.Type), b.CountryCode, b.RegionCode ?? "", b.City, N(b.Headcount));
        }
        sheets[S.Bases.Name] = t;

        t = Table(S.Contacts);
        foreach (var p in companies.OrderBy(c => c.Code, StringComparer.Ordinal).SelectMany(c => c.Contacts.OrderBy(x => x.BaseId.HasValue).ThenBy(x => x.BaseId is { } id ? baseCode[id] : "", StringComparer.Ordinal).ThenBy(x => x.Id)))
        {
            t.Rows.Add(companyCode[p.CompanyId], p.BaseId is { } bid ? baseCode[bid] : "", p.Name, p.Department, p.Title, p.Email, p.Phone, p.Language);
        }
        sheets[S.Contacts.Name] = t;

        t = Table(S.Experts);
        foreach (var e in experts.OrderBy(e => e.Code, StringComparer.Ordinal))
        {
            t.Rows.Add(e.Code, e.Name, e.NameEn, e.Firm, string.Join(";", e.Countries.Select(c => c.CountryCode).Order(StringComparer.Ordinal)), e.Languages,
                e.Email, e.Phone, e.ContractingOffice, e.IsActive ? Yes : "");
        }
        sheets[S.Experts.Name] = t;

        var orderedApplications = applications.OrderBy(a => a.ReceivedAt).ThenBy(a => a.Number, StringComparer.Ordinal).ToList();
        t = Table(S.Applications);
        foreach (var a in orderedApplications)
        {
            t.Rows.Add(a.Number, Instant(a.ReceivedAt), companyCode[a.CompanyId], baseCode[a.BaseId], Names.Of(a.Channel),
                string.Join(";", Names.MenuItems.Where(i => a.Menu.HasFlag(i.Flag)).Select(i => Names.MenuLabel(i.Flag))), a.Concerns, Names.Of(a.Status),
                B(a.ConsentDataHandling), B(a.ConsentSurvey), B(a.ConsentCasePublication), B(a.ConsentSeminarSpeaking),
                a.DuplicateOfId is { } dup && applicationNumber.TryGetValue(dup, out var dn) ? dn : "");
        }
        sheets[S.Applications.Name] = t;

        t = Table(S.Assets);
        foreach (var a in orderedApplications)
        {
            foreach (var i in a.InformationAssets.OrderBy(x => x.Order))
            {
                t.Rows.Add(a.Number, i.Order.ToString(Inv), i.Name, Names.Of(i.Category), Names.Of(i.Medium), i.StorageLocation, i.AccessibleBy, B(i.IsMarked));
            }
        }
        sheets[S.Assets.Name] = t;

        t = Table(S.History);
        foreach (var a in orderedApplications)
        {
            foreach (var h in a.StatusChanges.OrderBy(x => x.At).ThenBy(x => x.Id))
            {
                t.Rows.Add(a.Number, Instant(h.At), Names.Of(h.From), Names.Of(h.To), h.UserName, h.Reason);
            }
        }
        sheets[S.History.Name] = t;

        t = Table(S.Engagements);
        foreach (var e in engagements.OrderBy(e => e.Number, StringComparer.Ordinal))
        {
            t.Rows.Add(e.Number, e.ApplicationId is { } aid && applicationNumber.TryGetValue(aid, out var an) ? an : "", companyCode[e.CompanyId], baseCode[e.BaseId],
                e.CountryCode, Names.Of(e.Status), D(e.SupportStart), D(e.SupportEnd), H(e.AllowanceMinutes), H(e.UsedMinutes),
                string.Join(";", e.Experts.OrderByDescending(x => x.IsLead).ThenBy(x => expertCode[x.ExpertId], StringComparer.Ordinal).Select(x => expertCode[x.ExpertId])),
                e.NextStep, B(e.ConsentDataHandling), B(e.ConsentSurvey), B(e.ConsentCasePublication), B(e.ConsentSeminarSpeaking));
        }
        sheets[S.Engagements.Name] = t;

        t = Table(S.Sessions);
        var n = 0;
        foreach (var s in sessions.OrderBy(s => engagementNumber[s.EngagementId], StringComparer.Ordinal).ThenBy(s => s.StartsAtUtc).ThenBy(s => s.Id))
        {
            t.Rows.Add($"S{++n:0000}", engagementNumber[s.EngagementId], D(s.Date), s.StartTime.ToString("HH:mm", Inv), s.EndTime.ToString("HH:mm", Inv), s.TimeZoneId,
                Names.Of(s.Mode), Names.Of(s.Type), s.AttendeeCount.ToString(Inv), s.AttendeeRoles, s.Language, H(s.Minutes), s.Summary, s.OverrideReason,
                s.ExpertId is { } xid && expertCode.TryGetValue(xid, out var xc) ? xc : "");
        }
        sheets[S.Sessions.Name] = t;

        var content = await XlsxFiles.WriteAsync(sheets, ct);
        await db.AuditAsync(AuditActions.Export, "FiscalYear", fiscalYearId.ToString(Inv), $"{{\"applications\":{applications.Count},\"engagements\":{engagements.Count},\"sessions\":{sessions.Count}}}", ct);
        return content;
    }

    private static DataTable Table(SheetLayout sheet)
    {
        var table = new DataTable(sheet.Name);
        foreach (var column in sheet.Columns)
        {
            table.Columns.Add(column, typeof(string));
        }
        return table;
    }

    private static string D(DateOnly? date) => date?.ToString("yyyy-MM-dd", Inv) ?? "";

    private static string H(int minutes) => Durations.Format(minutes);

    private static string N(int? value) => value?.ToString(Inv) ?? "";

    private static string B(bool value) => value ? Yes : "";

    /// <summary>Instants are written in Japan time, to the second: 2022-08-22 10:05:00.</summary>
    private static string Instant(DateTimeOffset instant) => Display.ToZone(instant, "Asia/Tokyo").ToString("yyyy-MM-dd HH:mm:ss", Inv);
}
