using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

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
