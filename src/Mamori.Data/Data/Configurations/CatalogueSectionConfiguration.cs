using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

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
