using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Data;

/// <summary><c>dotnet Mamori.Web.dll audit verify</c>: walks the audit trail's hash chain (ADR 18) with the app's
/// configuration and database, without migrating or starting the server; prints the result and exits 0 when the
/// chain is whole, 1 at the first broken link, 2 for a command it does not know.</summary>
public static class AuditCommand
{
    public static bool Handles(string[] args) => args is ["audit", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args is not ["audit", "verify"])
        {
            await output.WriteLineAsync("usage: dotnet Mamori.Web.dll audit verify");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await output.WriteLineAsync("the database is not at this version's schema: start the app once (it migrates), then verify.");
            return 1;
        }
        var result = await AuditChain.VerifyAsync(db);
        if (result.Intact)
        {
            await output.WriteLineAsync($"audit chain intact: {result.Checked} rows checked, {result.Unsealed} from before the chain existed.");
            return 0;
        }
        await output.WriteLineAsync($"audit chain BROKEN at row {result.BrokenAt}: {result.Problem} ({result.Checked} rows read).");
        return 1;
    }
}
