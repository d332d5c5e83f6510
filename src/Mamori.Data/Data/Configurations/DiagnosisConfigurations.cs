using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class CatalogueVersionConfiguration : IEntityTypeConfiguration<CatalogueVersion>
{
    public void Configure(EntityTypeBuilder<CatalogueVersion> b)
    {
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.LabelJa).HasMaxLength(100);
        b.Property(x => x.LabelEn).HasMaxLength(100);
        b.Property(x => x.CreatedByName).HasMaxLength(256);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.CatalogueVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.CatalogueVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogueSectionConfiguration : IEntityTypeConfiguration<CatalogueSection>
{
    public void Configure(EntityTypeBuilder<CatalogueSection> b)
    {
        b.Property(x => x.Key).HasMaxLength(8);
        b.HasIndex(x => new { x.CatalogueVersionId, x.Key }).IsUnique();
        b.Property(x => x.NameJa).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.DescriptionJa).HasMaxLength(500);
        b.Property(x => x.DescriptionEn).HasMaxLength(1000);
    }
}

internal sealed class CatalogueItemConfiguration : IEntityTypeConfiguration<CatalogueItem>
{
    public void Configure(EntityTypeBuilder<CatalogueItem> b)
    {
        b.Property(x => x.Key).HasMaxLength(16);
        b.HasIndex(x => new { x.CatalogueVersionId, x.Key }).IsUnique();
        b.Property(x => x.SectionKey).HasMaxLength(8);
        b.Property(x => x.TextJa).HasMaxLength(500);
        b.Property(x => x.TextEn).HasMaxLength(1000);
        b.Property(x => x.HelpJa).HasMaxLength(2000);
        b.Property(x => x.HelpEn).HasMaxLength(4000);
        b.Property(x => x.Objective).HasMaxLength(16);
        b.Property(x => x.Target).HasMaxLength(16);
        b.Property(x => x.Countries).HasMaxLength(200);
        b.Property(x => x.OptionsJson).HasMaxLength(4000);
        b.Property(x => x.NumberJson).HasMaxLength(2000);
        b.Property(x => x.RecommendationJa).HasMaxLength(2000);
        b.Property(x => x.RecommendationEn).HasMaxLength(4000);
        b.Property(x => x.LinksJson).HasMaxLength(4000);
        b.Ignore(x => x.CountryList);
        b.Ignore(x => x.Options);
        b.Ignore(x => x.Number);
        b.Ignore(x => x.Links);
    }
}

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
