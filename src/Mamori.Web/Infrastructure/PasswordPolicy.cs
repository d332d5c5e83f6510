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

/// <summary>Identity's messages in the user's language: the Japanese text is the shared localizer's key.</summary>
public sealed class JapaneseIdentityErrors(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = t["パスワードは{0}文字以上にしてください。", length] };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = t["パスワードには{0}種類以上の文字を使ってください。", uniqueChars] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = t["ユーザー名 {0} は既に使われています。", userName] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = t["メールアドレス {0} は既に使われています。", email] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = t["メールアドレスの形式が正しくありません。"] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = t["現在のパスワードが正しくありません。"] };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = t["他の人が同時に更新しました。再読み込みしてやり直してください。"] };
}
