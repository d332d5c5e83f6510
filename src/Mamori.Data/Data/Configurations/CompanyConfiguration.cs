using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> b)
    {
        b.Property(x => x.Code).HasMaxLength(12);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.NameJa).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameKey).HasMaxLength(200);
        b.HasIndex(x => x.NameKey);
        b.Property(x => x.SearchText).HasMaxLength(1000);
        b.Property(x => x.Prefecture).HasMaxLength(10);
        b.Property(x => x.Industry).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasMany(x => x.Bases).WithOne(x => x.Company).HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Contacts).WithOne(x => x.Company).HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
