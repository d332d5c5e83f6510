using Mamori.Data;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mamori.Web.Data;

/// <summary>At start-up: apply migrations, sync reference data, make sure the roles exist, and in
/// Development load the demo program into an empty database.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        // The migrations' history table first: on an empty PostgreSQL database EF Core would otherwise read it before
        // creating it and log that failed query as an error on the first start (dotnet/efcore#37328).
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
        await db.Database.MigrateAsync();
        if (SqliteRuntime.MemoryStatisticsOff == false)
        {
            app.Logger.LogWarning("SQLite was initialized before Mamori configured it; its memory statistics stay on (slower under load, nothing else changes).");
        }
        if (!DatabaseSettings.KeysEncrypted(app.Configuration))
        {
            app.Logger.LogInformation("Data-protection keys are stored in the database without encryption (no DataProtection:CertificatePath; see README).");
        }
        await ReferenceData.SyncAsync(db);
        await CatalogueContent.SeedAsync(db);

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true))
        {
            await DemoData.SeedAsync(services, app.Logger);
        }
        await BootstrapAdmin.EnsureAsync(services, app.Configuration, app.Logger);
    }
}
