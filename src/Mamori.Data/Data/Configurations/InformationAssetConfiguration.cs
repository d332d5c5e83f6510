using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class InformationAssetConfiguration : IEntityTypeConfiguration<InformationAsset>
{
    public void Configure(EntityTypeBuilder<InformationAsset> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.StorageLocation).HasMaxLength(200);
        b.Property(x => x.AccessibleBy).HasMaxLength(200);
    }
}
