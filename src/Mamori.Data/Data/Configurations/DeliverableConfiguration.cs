using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class DeliverableConfiguration : IEntityTypeConfiguration<Deliverable>
{
    public void Configure(EntityTypeBuilder<Deliverable> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Languages).HasMaxLength(40);
        b.Property(x => x.PrevailingLanguage).HasMaxLength(10);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.EngagementId);
        b.HasOne(x => x.Session).WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Versions).WithOne(x => x.Deliverable).HasForeignKey(x => x.DeliverableId).OnDelete(DeleteBehavior.Cascade);
    }
}
