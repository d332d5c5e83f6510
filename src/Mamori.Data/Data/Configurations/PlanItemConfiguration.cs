using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> b)
    {
        b.Property(x => x.ItemKey).HasMaxLength(16);
        b.Property(x => x.Measure).HasMaxLength(1000);
        b.Property(x => x.Owner).HasMaxLength(200);
        b.Property(x => x.EvidenceNote).HasMaxLength(2000);
        b.Property(x => x.EvidenceFileName).HasMaxLength(255);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsClosed);
        // The closing questionnaire and the annual report count plan items by engagement and status.
        b.HasIndex(x => new { x.EngagementId, x.Status });
        b.HasIndex(x => x.DiagnosisId);
        b.HasOne(x => x.Engagement).WithMany().HasForeignKey(x => x.EngagementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Diagnosis>().WithMany().HasForeignKey(x => x.DiagnosisId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.EvidenceFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
