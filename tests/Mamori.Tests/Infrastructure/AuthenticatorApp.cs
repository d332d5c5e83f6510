using System.Security.Cryptography;
using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Testing;

/// <summary>What an authenticator app does with a Base32 key: the RFC 6238 code of the moment. Written apart from the
/// product's <c>Totp</c>, so a test signing in with it checks the product against the standard, not against itself.
/// Shared by the HTTP and browser tests (linked into Mamori.BrowserTests).</summary>
public static class AuthenticatorApp
{
    public static string CodeAt(string base32Key, DateTimeOffset time)
    {
        var key = Decode(base32Key);
        var counter = BitConverter.GetBytes(time.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
#pragma warning disable CA5350 // RFC 6238 uses HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[19] & 0xf;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1000000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Code(string base32Key) => CodeAt(base32Key, DateTimeOffset.UtcNow);

    /// <summary>What the account's app shows now, on the app's clock (a test may move it). The account's last-used step
    /// is cleared first, so a test may sign the same account in several times within 30 seconds (the replay guard has
    /// its own tests, TwoFactorTests).</summary>
    public static async Task<string> CurrentCodeAsync(IServiceProvider services, string userName)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No account {userName}.");
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{userName} has no authenticator key.");
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, (long?)null));
        return CodeAt(key, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    private static byte[] Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()
            .Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }
}
