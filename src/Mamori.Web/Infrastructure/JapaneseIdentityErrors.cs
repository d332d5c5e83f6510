using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

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
