using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class DiagnosisConfiguration : IEntityTypeConfiguration<Diagnosis>
{
    public void Configure(EntityTypeBuilder<Diagnosis> b)
    {
        b.Property(x => x.Scope).HasMaxLength(400);
        b.Property(x => x.PublicTokenHash).HasMaxLength(64);
        b.HasIndex(x => x.PublicTokenHash).IsUnique();
        b.Property(x => x.RespondentCompany).HasMaxLength(200);
        b.Property(x => x.CreatedByUserId).HasMaxLength(450);
        b.Property(x => x.CreatedByName).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.ScopeValue);
        b.HasIndex(x => new { x.EngagementId, x.Kind, x.StartedAt });
        b.HasIndex(x => x.CompanyId);
        b.HasIndex(x => x.ApplicationId);
        b.HasOne(x => x.CatalogueVersion).WithMany().HasForeignKey(x => x.CatalogueVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Company).WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Engagement).WithMany().HasForeignKey(x => x.EngagementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Application).WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Diagnosis>().WithMany().HasForeignKey(x => x.SourceDiagnosisId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Diagnosis>().WithMany().HasForeignKey(x => x.PreviousDiagnosisId).OnDelete(DeleteBehavior.Restrict);
        // Answers are one JSON document in the diagnosis row (ADR 8): one insert per submission instead of ~100,
        // converted as a whole instead of tracked answer by answer.
        b.Property(x => x.Answers).HasConversion(DiagnosisAnswersJson.Converter, DiagnosisAnswersJson.Comparer).IsRequired(false);
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.DiagnosisId).OnDelete(DeleteBehavior.Cascade);
    }
}
