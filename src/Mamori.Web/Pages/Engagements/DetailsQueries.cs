using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Engagements;

/// <summary>The engagement page's reads, compiled once by EF Core: six statements with the record check of the page
/// filter. Building and parameterizing these projections on every request was the largest share of the page's
/// allocations (docs/benchmarks.md, ADR 17). A compiled query belongs to one model, so the set is a singleton of the
/// application (a test process runs SQLite and PostgreSQL applications side by side).
/// The experts stay a statement of their own: as a collection in the header's projection, SQLite joined the whole
/// assignment table before filtering (22 ms, not well under 1 ms).</summary>
public sealed class DetailsQueries
{
    public Func<AppDbContext, int, Task<DetailsModel.Header>> Header { get; } = EF.CompileAsyncQuery((AppDbContext db, int id) =>
        db.Engagements.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new DetailsModel.Header(e.Id, e.Number, e.Status, e.Company!.NameJa, e.FiscalYear!.StartYear, e.Base!.NameJa,
                e.CountryCode, e.Base.RegionCode, e.AllowanceMinutes, e.UsedMinutes, e.SupportStart, e.SupportEnd,
                e.ApplicationId, e.Application != null ? e.Application.Number : null, e.NextStep, e.Version,
                e.ConsentCasePublication, e.ConsentSeminarSpeaking, e.ConsentSurvey, e.ConsentDataHandling,
                db.PlanItems.Count(p => p.EngagementId == e.Id)))
            .Single());

    public Func<AppDbContext, int, IAsyncEnumerable<DetailsModel.ExpertRow>> Experts { get; } = EF.CompileAsyncQuery((AppDbContext db, int id) =>
        db.EngagementExperts.AsNoTracking().Where(x => x.EngagementId == id).OrderByDescending(x => x.IsLead)
            .Select(x => new DetailsModel.ExpertRow(x.Expert!.Name, x.Expert.Firm, x.IsLead)));

    /// <summary>The engagement's diagnoses, and a self-check sent with its application before the engagement existed.</summary>
    public Func<AppDbContext, int, int?, IAsyncEnumerable<DetailsModel.DiagnosisRow>> Diagnoses { get; } = EF.CompileAsyncQuery(
        (AppDbContext db, int id, int? applicationId) =>
            db.Diagnoses.AsNoTracking()
                .Where(d => d.EngagementId == id || applicationId != null && d.ApplicationId == applicationId && d.EngagementId == null)
                .OrderByDescending(d => d.UpdatedAt)
                .Select(d => new DetailsModel.DiagnosisRow(d.Id, d.Kind, d.Status, d.UpdatedAt, d.TotalScore, d.CreatedByName, d.EngagementId == null)));

    public Func<AppDbContext, int, IAsyncEnumerable<DetailsModel.SessionRow>> Sessions { get; } = EF.CompileAsyncQuery((AppDbContext db, int id) =>
        db.Sessions.AsNoTracking().Where(s => s.EngagementId == id).OrderBy(s => s.StartsAtUtc)
            .Select(s => new DetailsModel.SessionRow(s.Id, s.Date, s.StartTime, s.EndTime, s.TimeZoneId, s.Mode, s.Type, s.AttendeeCount, s.AttendeeRoles,
                s.Language, s.Minutes, s.Summary, s.OverrideReason, s.Expert != null ? s.Expert.Name : null)));

    public Func<AppDbContext, int, IAsyncEnumerable<DetailsModel.DeliverableRow>> Deliverables { get; } = EF.CompileAsyncQuery((AppDbContext db, int id) =>
        db.Deliverables.AsNoTracking().Where(d => d.EngagementId == id).OrderBy(d => d.CreatedAt)
            .Select(d => new DetailsModel.DeliverableRow(d.Id, d.Kind, d.Title, d.Languages, d.PrevailingLanguage, d.SessionId,
                d.Versions.OrderByDescending(v => v.Number)
                    .Select(v => new DetailsModel.VersionRow(v.Id, v.Number, v.FileName, v.Size, v.Sha256, v.UploadedAt, v.UploadedByName, v.Note)).ToList())));
}
