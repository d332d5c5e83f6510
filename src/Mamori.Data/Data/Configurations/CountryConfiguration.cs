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
