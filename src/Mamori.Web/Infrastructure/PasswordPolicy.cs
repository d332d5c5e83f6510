using Mamori.Data;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Infrastructure;

/// <summary>Beyond Identity's length rule: no well-known passwords and nothing containing the user name.
/// Length beats composition rules (NIST SP 800-63B), so those stay off.</summary>
public sealed class PasswordPolicy : IPasswordValidator<ApplicationUser>
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
            errors.Add(new IdentityError { Code = "CommonPassword", Description = "よく使われるパスワードは使えません。" });
        }
        var name = user.UserName?.Split('@')[0] ?? "";
        if (name.Length >= 4 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "ContainsUserName", Description = "パスワードにユーザー名を含めないでください。" });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>Identity's messages in Japanese (the English UI shows them through the shared localizer).</summary>
public sealed class JapaneseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"パスワードは{length}文字以上にしてください。" };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"パスワードには{uniqueChars}種類以上の文字を使ってください。" };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"ユーザー名 {userName} は既に使われています。" };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"メールアドレス {email} は既に使われています。" };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = "メールアドレスの形式が正しくありません。" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "現在のパスワードが正しくありません。" };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "他の人が同時に更新しました。再読み込みしてやり直してください。" };
}
