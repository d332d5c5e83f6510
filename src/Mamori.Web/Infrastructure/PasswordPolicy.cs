using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>Beyond Identity's length rule: no well-known passwords and nothing containing the user name.
/// Length beats composition rules (NIST SP 800-63B), so those stay off.</summary>
public sealed class PasswordPolicy(IStringLocalizer<SharedResource> t) : IPasswordValidator<ApplicationUser>
{
    public const int MinimumLength = 12;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "123456789012", "qwertyuiopas", "passwordpassword", "iloveyou1234", "administrator",
        "welcome12345", "letmein12345", "111111111111", "000000000000", "abcdefghijkl", "p@ssw0rd1234",
        "mamori123456", "changeme1234", "qwerty123456", "password123!", "trustno11234",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (Common.Contains(password))
        {
            errors.Add(new IdentityError { Code = "CommonPassword", Description = t["よく使われるパスワードは使えません。"] });
        }
        var name = user.UserName?.Split('@')[0] ?? "";
        if (name.Length >= 4 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "ContainsUserName", Description = t["パスワードにユーザー名を含めないでください。"] });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
