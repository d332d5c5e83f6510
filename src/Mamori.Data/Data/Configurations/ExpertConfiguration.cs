using Mamori.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> b)
    {
        b.Property(x => x.Code).HasMaxLength(12);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
        b.Property(x => x.Firm).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Languages).HasMaxLength(60);
        b.Property(x => x.ContractingOffice).HasMaxLength(100);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasMany(x => x.Countries).WithOne(x => x.Expert).HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
    }
}
