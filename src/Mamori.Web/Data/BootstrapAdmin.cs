using Mamori.Data;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Data;

/// <summary>Creates the first administrator of a real installation from configuration
/// (Bootstrap:AdminEmail and Bootstrap:AdminPassword, e.g. environment variables), only while no
/// administrator exists. Nothing is created when they are not set.</summary>
public static class BootstrapAdmin
{
    public static async Task EnsureAsync(IServiceProvider services, IConfiguration config, ILogger logger)
    {
        var email = config["Bootstrap:AdminEmail"];
        var password = config["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
        {
            return;
        }
        var time = services.GetRequiredService<TimeProvider>();
        var admin = new ApplicationUser { UserName = email, Email = email, DisplayName = "管理者", CreatedAt = time.GetUtcNow() };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Bootstrap administrator not created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, Roles.Administrator);
        logger.LogInformation("Created the first administrator {Email} from configuration.", email);
    }
}
