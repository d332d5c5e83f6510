using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Domain.Application>
{
    public void Configure(EntityTypeBuilder<Domain.Application> b)
    {
        b.Property(x => x.Number).HasMaxLength(16);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.CountryCode).HasMaxLength(2);
        b.Property(x => x.Concerns).HasMaxLength(4000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.FiscalYearId, x.Status, x.ReceivedAt });
        b.HasIndex(x => new { x.CompanyId, x.CountryCode, x.FiscalYearId });
        b.HasOne(x => x.FiscalYear).WithMany().HasForeignKey(x => x.FiscalYearId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Company).WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Base).WithMany().HasForeignKey(x => x.BaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Country).WithMany().HasForeignKey(x => x.CountryCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.DuplicateOf).WithMany().HasForeignKey(x => x.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.InformationAssets).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.StatusChanges).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Engagement).WithOne(e => e.Application).HasForeignKey<Engagement>(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InformationAssetConfiguration : IEntityTypeConfiguration<InformationAsset>
{
    public void Configure(EntityTypeBuilder<InformationAsset> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.StorageLocation).HasMaxLength(200);
        b.Property(x => x.AccessibleBy).HasMaxLength(200);
    }
}

internal sealed class ApplicationStatusChangeConfiguration : IEntityTypeConfiguration<ApplicationStatusChange>
{
    public void Configure(EntityTypeBuilder<ApplicationStatusChange> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Reason).HasMaxLength(1000);
    }
}

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

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b) => b.ToTable("StoredFiles");
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Action).HasMaxLength(40);
        b.Property(x => x.EntityType).HasMaxLength(80);
        b.Property(x => x.EntityId).HasMaxLength(120);
        b.Property(x => x.IpAddress).HasMaxLength(64);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}
