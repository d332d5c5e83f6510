using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class DiagnosisEvidenceConfiguration : IEntityTypeConfiguration<DiagnosisEvidence>
{
    public void Configure(EntityTypeBuilder<DiagnosisEvidence> b)
    {
        b.Property(x => x.ItemKey).HasMaxLength(16);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedByName).HasMaxLength(256);
        b.HasIndex(x => new { x.DiagnosisId, x.ItemKey });
        b.HasOne(x => x.StoredFile).WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
