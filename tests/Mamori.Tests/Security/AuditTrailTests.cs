using System.Globalization;
using Mamori.Tests.Infrastructure;
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
}
