using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Tests.Infrastructure;
using Mamori.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Security;

/// <summary>What the audit trail records about data changes.</summary>
public class AuditTrailTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Issue #19, failure 9: a record created together with its parent (a company and its first base, as the
    /// company page and the year import save them) was audited with EF Core's temporary id for the parent.</summary>
    [Theory, SqliteData, PostgresData]
    public async Task A_record_created_with_its_parent_is_audited_with_the_parents_real_id(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var company = await app.CompanyAsync();
        var baseId = company.Bases.Single().Id;

        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "Base" && a.EntityId == baseId.ToString(CultureInfo.InvariantCulture)));

        Assert.Contains($"\"CompanyId\":[null,\"{company.Id.ToString(CultureInfo.InvariantCulture)}\"]", entry.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("-21474", entry.Changes, StringComparison.Ordinal);
    }

    /// <summary>Issue #19, point 4: opening a diagnosis (a company's weaknesses), finished or in progress, is audited
    /// with who opened it; a refused one is audited as a denial, not as a read.</summary>
    [Theory, SqliteData]
    public async Task Opening_a_diagnosis_is_audited_as_a_read(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var year = await app.FiscalYearAsync();
        var engagement = await app.EngagementAsync(year);
        var diagnosis = await app.WithDbAsync(async db =>
        {
            var catalogue = await db.CatalogueVersions.OrderByDescending(v => v.Number).FirstAsync();
            var now = DateTimeOffset.UtcNow;
            var d = new Diagnosis
            {
                Kind = DiagnosisKind.ExpertHearing, Status = DiagnosisStatus.Completed, CatalogueVersionId = catalogue.Id, CompanyId = engagement.CompanyId,
                EngagementId = engagement.Id, Scope = "CN", StartedAt = now, UpdatedAt = now, CompletedAt = now, Version = Guid.NewGuid(),
            };
            db.Diagnoses.Add(d);
            await db.SaveChangesAsync();
            return d;
        });
        var id = diagnosis.Id.ToString(CultureInfo.InvariantCulture);
        var coordinator = await app.UserAsync(Roles.Coordinator);
        using var client = await app.ClientAsAsync(coordinator);
        using var outsider = await app.ClientAsAsync(Roles.Expert);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/Diagnoses/Details/{id}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await outsider.GetAsync($"/Diagnoses/Details/{id}")).StatusCode);

        var reads = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.Read && a.EntityType == "Diagnosis" && a.EntityId == id).ToListAsync());
        Assert.Equal([coordinator.UserName], reads.Select(r => r.UserName));
    }
}
