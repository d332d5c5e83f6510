using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class EngagementExpertConfiguration : IEntityTypeConfiguration<EngagementExpert>
{
    public void Configure(EntityTypeBuilder<EngagementExpert> b)
    {
        b.HasKey(x => new { x.EngagementId, x.ExpertId });
        b.Property(x => x.EngagementNumber).HasMaxLength(16);
        // Expert, then engagement number, then engagement: an expert's list in number order is read page by page
        // from this index, and "the engagements of this expert" (scope, expert filter, count) from the index alone.
        b.HasIndex(x => new { x.ExpertId, x.EngagementNumber, x.EngagementId });
        b.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
    }
}
