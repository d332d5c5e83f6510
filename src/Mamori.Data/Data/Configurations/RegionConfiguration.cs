using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

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
