using Mamori.Data;
using Mamori.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Applications;

/// <summary>Numbers and duplicate checks for applications and engagements (a plain handler shared by the
/// public form, the coordinator's forms and the import).</summary>
[FeatureApi]
public sealed class ApplicationIntake(AppDbContext db)
{
    /// <summary>States in which an application still counts (a declined or withdrawn one does not block a new one).</summary>
    public static readonly ApplicationStatus[] Live =
        [ApplicationStatus.Received, ApplicationStatus.Screening, ApplicationStatus.Waitlisted, ApplicationStatus.Accepted];

    /// <summary>An earlier live application of the same company (same name key) for the same country and year.</summary>
    public async Task<Application?> FindDuplicateAsync(int fiscalYearId, string countryCode, int companyId, string nameKey, int? exceptId = null)
    {
        return await db.Applications.AsNoTracking()
            .Where(a => a.FiscalYearId == fiscalYearId && a.CountryCode == countryCode && Live.Contains(a.Status) && a.Id != (exceptId ?? 0)
                        && (a.CompanyId == companyId || a.Company!.NameKey == nameKey))
            .OrderBy(a => a.ReceivedAt)
            .FirstOrDefaultAsync();
    }

    public async Task<string> NextApplicationNumberAsync(FiscalYear year)
    {
        var prefix = year.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-";
        var numbers = await db.Applications.Where(a => a.FiscalYearId == year.Id).Select(a => a.Number).ToListAsync();
        var max = numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => int.TryParse(n.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max();
        return Application.FormatNumber(year.StartYear, max + 1);
    }

    public async Task<string> NextEngagementNumberAsync(FiscalYear year, string countryCode)
    {
        var prefix = $"{year.StartYear}-{countryCode}-";
        var numbers = await db.Engagements.Where(e => e.FiscalYearId == year.Id && e.CountryCode == countryCode).Select(e => e.Number).ToListAsync();
        var max = numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => int.TryParse(n.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max();
        return Engagement.FormatNumber(year.StartYear, countryCode, max + 1);
    }

    /// <summary>Saves, retrying a few times when a concurrent request took the same generated number
    /// (the unique index is the arbiter). <paramref name="renumber"/> assigns fresh numbers.</summary>
    public async Task SaveWithNumbersAsync(Func<Task> renumber, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 4 && ex is not DbUpdateConcurrencyException && IsUniqueViolation(ex))
            {
                await renumber();
            }
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.GetType().Name == "PostgresException" && ex.InnerException.Message.Contains("23505", StringComparison.Ordinal);
}
