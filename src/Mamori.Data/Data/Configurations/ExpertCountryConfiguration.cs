using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class ExpertCountryConfiguration : IEntityTypeConfiguration<ExpertCountry>
{
    public void Configure(EntityTypeBuilder<ExpertCountry> b)
    {
        b.HasKey(x => new { x.ExpertId, x.CountryCode });
        b.Property(x => x.CountryCode).HasMaxLength(2);
        b.HasOne(x => x.Country).WithMany().HasForeignKey(x => x.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}
