using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class EngagementConfiguration : IEntityTypeConfiguration<Engagement>
{
    public void Configure(EntityTypeBuilder<Engagement> b)
    {
        b.Property(x => x.Number).HasMaxLength(16);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.CountryCode).HasMaxLength(2);
        b.Property(x => x.NextStep).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.AllowanceState);
        // One engagement per company x country x fiscal year.
        b.HasIndex(x => new { x.FiscalYearId, x.CompanyId, x.CountryCode }).IsUnique();
        // The list filtered by year, country and status reads its page in number order from this index
        // instead of fetching and sorting every match (docs/benchmarks.md).
        b.HasIndex(x => new { x.FiscalYearId, x.CountryCode, x.Status, x.Number });
        b.HasIndex(x => x.CompanyId);
        // The list's "hours used" sort walks this index instead of sorting every engagement.
        b.HasIndex(x => new { x.UsedMinutes, x.Number });
        b.HasOne(x => x.FiscalYear).WithMany().HasForeignKey(x => x.FiscalYearId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Company).WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Base).WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Country).WithMany().HasForeignKey(x => x.CountryCode).OnDelete(DeleteBehavior.Restrict);
        // The assignment refers to the engagement by id and number (ADR 0011): the number copied into the assignment
        // cannot differ from the engagement's, and an engagement's number cannot change once saved (it is a key).
        b.HasMany(x => x.Experts).WithOne(x => x.Engagement)
            .HasForeignKey(x => new { x.EngagementId, x.EngagementNumber }).HasPrincipalKey(x => new { x.Id, x.Number })
            .OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Sessions).WithOne(x => x.Engagement).HasForeignKey(x => x.EngagementId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Deliverables).WithOne(x => x.Engagement).HasForeignKey(x => x.EngagementId).OnDelete(DeleteBehavior.Restrict);
    }
}
