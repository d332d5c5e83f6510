using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages;

/// <summary>Public landing page for visitors; for a signed-in user, what they need first: the office's
/// pipeline, an expert's engagements, a company's support at a glance.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider time, Mamori.Web.Pages.Diagnoses.CatalogueCache catalogues) : PageModel
{
    public sealed record EngagementCard(int Id, string Number, string Company, string Base, string Country, EngagementStatus Status,
        DateOnly? From, DateOnly? To, int Used, int Allowance, string NextStep, List<string> Experts, int Deliverables);

    public sealed record CountryLine(string Country, int? Quota, int Engagements, int Used, int Allowance);

    public sealed record SessionLine(int EngagementId, string Number, string Company, DateOnly Date, TimeOnly Start, string TimeZoneId, SessionType Type);

    public sealed record DocumentLine(int VersionId, string Title, int Version, string FileName, DateTimeOffset UploadedAt);

    public int? Year { get; private set; }
    public AccessScope Scope { get; private set; } = AccessScope.None;
    public IReadOnlyDictionary<ApplicationStatus, int> Applications { get; private set; } = new Dictionary<ApplicationStatus, int>();
    public int StaleApplications { get; private set; }
    public IReadOnlyList<CountryLine> Countries { get; private set; } = [];
    public IReadOnlyList<EngagementCard> NearLimit { get; private set; } = [];
    public IReadOnlyList<EngagementCard> Overdue { get; private set; } = [];
    public IReadOnlyList<SessionLine> Recent { get; private set; } = [];
    public IReadOnlyList<EngagementCard> Mine { get; private set; } = [];
    public IReadOnlyList<DocumentLine> Documents { get; private set; } = [];

    /// <summary>The latest diagnosis of an engagement (a completed hearing first), with its top gaps.</summary>
    public sealed record DiagnosisLine(int Id, DiagnosisKind Kind, DiagnosisStatus Status, int? Score, IReadOnlyList<string> TopGaps);

    public sealed record PlanLine(int Open, int Overdue, int Introduced, DateOnly? NextDue);

    public IReadOnlyDictionary<int, DiagnosisLine> Diagnoses { get; private set; } = new Dictionary<int, DiagnosisLine>();
    public IReadOnlyDictionary<int, PlanLine> Plans { get; private set; } = new Dictionary<int, PlanLine>();

    public async Task OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        Scope = AccessScope.For(User);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var current = FiscalYear.StartYearOf(today);
        var years = await db.FiscalYears.AsNoTracking().OrderByDescending(f => f.StartYear).Select(f => new { f.Id, f.StartYear }).ToListAsync();
        var year = years.FirstOrDefault(y => y.StartYear <= current) ?? years.FirstOrDefault();
        Year = year?.StartYear;
        var yearId = year?.Id ?? -1;

        if (Scope.All)
        {
            Applications = await db.Applications.Where(a => a.FiscalYearId == yearId).GroupBy(a => a.Status)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            var weekAgo = now.AddDays(-7);
            StaleApplications = await db.Applications.CountAsync(a => a.FiscalYearId == yearId && a.Status == ApplicationStatus.Received && a.ReceivedAt < weekAgo);
            var quotas = await db.TargetCountries.Where(t => t.FiscalYearId == yearId).Select(t => new { t.CountryCode, t.Quota }).ToListAsync();
            var byCountry = await db.Engagements.Where(e => e.FiscalYearId == yearId && e.Status != EngagementStatus.Cancelled).GroupBy(e => e.CountryCode)
                .Select(g => new { g.Key, Count = g.Count(), Used = g.Sum(e => e.UsedMinutes), Allowance = g.Sum(e => e.AllowanceMinutes) }).ToListAsync();
            Countries = [.. quotas.Select(q => q.CountryCode).Union(byCountry.Select(c => c.Key)).Select(code =>
            {
                var c = byCountry.FirstOrDefault(x => x.Key == code);
                return new CountryLine(code, quotas.FirstOrDefault(q => q.CountryCode == code)?.Quota, c?.Count ?? 0, c?.Used ?? 0, c?.Allowance ?? 0);
            })];
            var open = db.Engagements.AsNoTracking().Where(e => e.FiscalYearId == yearId && (e.Status == EngagementStatus.Planned || e.Status == EngagementStatus.Active));
            NearLimit = await Cards(open.Where(e => e.UsedMinutes * 5 >= e.AllowanceMinutes * 4).OrderByDescending(e => e.UsedMinutes * 100 / e.AllowanceMinutes).Take(10));
            Overdue = await Cards(open.Where(e => e.SupportEnd != null && e.SupportEnd < today).OrderBy(e => e.SupportEnd).Take(10));
            var since = now.AddDays(-14);
            Recent = await db.Sessions.AsNoTracking().Where(s => s.StartsAtUtc >= since).OrderByDescending(s => s.StartsAtUtc).Take(10)
                .Select(s => new SessionLine(s.EngagementId, s.Engagement!.Number, s.Engagement.Company!.NameJa, s.Date, s.StartTime, s.TimeZoneId, s.Type))
                .ToListAsync();
        }
        else if (!Scope.IsNone)
        {
            Mine = await Cards(db.Engagements.VisibleTo(Scope).AsNoTracking()
                .OrderBy(e => e.Status == EngagementStatus.Completed || e.Status == EngagementStatus.Cancelled).ThenByDescending(e => e.FiscalYearId).ThenBy(e => e.Number)
                .Take(30));
            await LoadDiagnosesAsync(today);
            if (Scope.CompanyId is not null)
            {
                var visible = db.Engagements.VisibleTo(Scope).Select(e => e.Id);
                Documents = await db.DeliverableVersions.AsNoTracking().Where(v => visible.Contains(v.Deliverable!.EngagementId))
                    .OrderByDescending(v => v.UploadedAt).Take(10)
                    .Select(v => new DocumentLine(v.Id, v.Deliverable!.Title, v.Number, v.FileName, v.UploadedAt)).ToListAsync();
            }
        }
    }

    private async Task LoadDiagnosesAsync(DateOnly today)
    {
        var ids = Mine.Select(m => m.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var rows = await db.Diagnoses.AsNoTracking().Where(d => d.EngagementId != null && ids.Contains(d.EngagementId.Value))
            .Select(d => new { d.Id, EngagementId = d.EngagementId!.Value, d.Kind, d.Status, d.TotalScore, d.UpdatedAt }).ToListAsync();
        var latest = rows.GroupBy(r => r.EngagementId).Select(g => g
                .OrderByDescending(r => r.Kind == DiagnosisKind.ExpertHearing && r.Status == DiagnosisStatus.Completed)
                .ThenByDescending(r => r.Status == DiagnosisStatus.Completed).ThenByDescending(r => r.UpdatedAt).First())
            .ToList();
        var completedIds = latest.Where(l => l.Status == DiagnosisStatus.Completed).Select(l => l.Id).ToList();
        var full = await db.Diagnoses.AsNoTracking().Where(d => completedIds.Contains(d.Id)).ToListAsync();
        var lines = new Dictionary<int, DiagnosisLine>();
        foreach (var l in latest)
        {
            IReadOnlyList<string> gaps = [];
            if (full.FirstOrDefault(d => d.Id == l.Id) is { } d && await catalogues.GetAsync(db, d.CatalogueVersionId) is { } catalogue)
            {
                gaps = [.. catalogue.Score(d.AnswerMap(), d.ScopeValue).Gaps.Take(3)
                    .Select(g => Mamori.Web.Infrastructure.Display.Pick(g.Item.TextJa, g.Item.TextEn))];
            }
            lines[l.EngagementId] = new DiagnosisLine(l.Id, l.Kind, l.Status, l.TotalScore, gaps);
        }
        Diagnoses = lines;
        var plans = await db.PlanItems.AsNoTracking().Where(p => ids.Contains(p.EngagementId))
            .Select(p => new { p.EngagementId, p.Status, p.DueDate }).ToListAsync();
        Plans = plans.GroupBy(p => p.EngagementId).ToDictionary(g => g.Key, g =>
        {
            var open = g.Where(p => !PlanItem.IsClosedStatus(p.Status)).ToList();
            return new PlanLine(open.Count, open.Count(p => p.DueDate < today), g.Count(p => p.Status == PlanItemStatus.Introduced),
                open.Where(p => p.DueDate >= today).Min(p => p.DueDate));
        });
    }

    private async Task<List<EngagementCard>> Cards(IQueryable<Engagement> query)
    {
        var cards = await query.Select(e => new EngagementCard(
            e.Id, e.Number, e.Company!.NameJa, e.Base!.NameJa, e.CountryCode, e.Status, e.SupportStart, e.SupportEnd, e.UsedMinutes, e.AllowanceMinutes,
            e.NextStep, new List<string>(), e.Deliverables.Count)).ToListAsync();
        var ids = cards.Select(c => c.Id).ToList();
        var experts = await db.EngagementExperts.AsNoTracking().Where(x => ids.Contains(x.EngagementId))
            .Select(x => new { x.EngagementId, x.IsLead, x.Expert!.Name }).ToListAsync();
        foreach (var card in cards)
        {
            card.Experts.AddRange(experts.Where(x => x.EngagementId == card.Id).OrderByDescending(x => x.IsLead).Select(x => x.Name));
        }
        return cards;
    }
}
