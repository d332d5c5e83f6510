using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

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
