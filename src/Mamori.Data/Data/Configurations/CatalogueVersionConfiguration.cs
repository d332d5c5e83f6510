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
