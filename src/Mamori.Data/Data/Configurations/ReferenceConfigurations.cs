using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> b)
    {
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(2);
        b.Property(x => x.NameJa).HasMaxLength(60);
        b.Property(x => x.NameEn).HasMaxLength(80);
        b.Property(x => x.TimeZoneId).HasMaxLength(60);
        b.Property(x => x.Languages).HasMaxLength(60);
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(12);
        b.Property(x => x.CountryCode).HasMaxLength(2);
        b.Property(x => x.NameJa).HasMaxLength(60);
        b.Property(x => x.NameEn).HasMaxLength(80);
        b.Property(x => x.NameLocal).HasMaxLength(80);
        b.Property(x => x.TimeZoneId).HasMaxLength(60);
        b.HasOne(x => x.Country).WithMany(c => c.Regions).HasForeignKey(x => x.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FiscalYearConfiguration : IEntityTypeConfiguration<FiscalYear>
{
    public void Configure(EntityTypeBuilder<FiscalYear> b)
    {
        b.HasIndex(x => x.StartYear).IsUnique();
        b.Property(x => x.OfficialName).HasMaxLength(300);
        b.Property(x => x.Sponsor).HasMaxLength(200);
        b.Property(x => x.Implementer).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.FirstDay);
        b.Ignore(x => x.LastDay);
        b.Ignore(x => x.WarekiLabel);
        b.HasMany(x => x.TargetCountries).WithOne(t => t.FiscalYear).HasForeignKey(t => t.FiscalYearId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TargetCountryConfiguration : IEntityTypeConfiguration<TargetCountry>
{
    public void Configure(EntityTypeBuilder<TargetCountry> b)
    {
        b.Property(x => x.CountryCode).HasMaxLength(2);
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => new { x.FiscalYearId, x.CountryCode }).IsUnique();
        b.HasOne(x => x.Country).WithMany().HasForeignKey(x => x.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}
