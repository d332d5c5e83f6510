using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class EngagementSessionConfiguration : IEntityTypeConfiguration<EngagementSession>
{
    public void Configure(EntityTypeBuilder<EngagementSession> b)
    {
        b.ToTable("Sessions");
        b.Property(x => x.TimeZoneId).HasMaxLength(60);
        b.Property(x => x.AttendeeRoles).HasMaxLength(300);
        b.Property(x => x.Language).HasMaxLength(10);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.OverrideReason).HasMaxLength(500);
        b.Property(x => x.CreatedByUserId).HasMaxLength(450);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.EngagementId, x.Date });
        b.HasIndex(x => x.StartsAtUtc);
        b.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
    }
}
