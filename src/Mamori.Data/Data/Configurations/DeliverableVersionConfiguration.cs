using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class DeliverableVersionConfiguration : IEntityTypeConfiguration<DeliverableVersion>
{
    public void Configure(EntityTypeBuilder<DeliverableVersion> b)
    {
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(120);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.UploadedByUserId).HasMaxLength(450);
        b.Property(x => x.UploadedByName).HasMaxLength(256);
        b.HasIndex(x => new { x.DeliverableId, x.Number }).IsUnique();
        b.HasOne(x => x.StoredFile).WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
