using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class CatalogueItemConfiguration : IEntityTypeConfiguration<CatalogueItem>
{
    public void Configure(EntityTypeBuilder<CatalogueItem> b)
    {
        b.Property(x => x.Key).HasMaxLength(16);
        b.HasIndex(x => new { x.CatalogueVersionId, x.Key }).IsUnique();
        b.Property(x => x.SectionKey).HasMaxLength(8);
        b.Property(x => x.TextJa).HasMaxLength(500);
        b.Property(x => x.TextEn).HasMaxLength(1000);
        b.Property(x => x.HelpJa).HasMaxLength(2000);
        b.Property(x => x.HelpEn).HasMaxLength(4000);
        b.Property(x => x.Objective).HasMaxLength(16);
        b.Property(x => x.Target).HasMaxLength(16);
        b.Property(x => x.Countries).HasMaxLength(200);
        b.Property(x => x.OptionsJson).HasMaxLength(4000);
        b.Property(x => x.NumberJson).HasMaxLength(2000);
        b.Property(x => x.RecommendationJa).HasMaxLength(2000);
        b.Property(x => x.RecommendationEn).HasMaxLength(4000);
        b.Property(x => x.LinksJson).HasMaxLength(4000);
        b.Ignore(x => x.CountryList);
        b.Ignore(x => x.Options);
        b.Ignore(x => x.Number);
        b.Ignore(x => x.Links);
    }
}
