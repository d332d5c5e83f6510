using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Mamori.Web.Infrastructure;

/// <summary>Model-binding errors in the user's language, naming the field (the default texts are English only).</summary>
public static class ModelBindingMessages
{
    private static bool En => Display.IsEnglish;

    public static void Configure(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => En ? $"'{value}' is not valid for {field}." : $"{field}の値「{value}」は正しくありません。");
        p.SetMissingBindRequiredValueAccessor(field => En ? $"{field} is required." : $"{field}を入力してください。");
        p.SetMissingKeyOrValueAccessor(() => En ? "A value is required." : "値を入力してください。");
        p.SetMissingRequestBodyRequiredValueAccessor(() => En ? "A request body is required." : "送信内容がありません。");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => En ? $"'{value}' is not valid." : $"値「{value}」は正しくありません。");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => En ? "The value is not valid." : "値が正しくありません。");
        p.SetNonPropertyValueMustBeANumberAccessor(() => En ? "Enter a number." : "数値を入力してください。");
        p.SetUnknownValueIsInvalidAccessor(field => En ? $"The value for {field} is not valid." : $"{field}の値が正しくありません。");
        p.SetValueIsInvalidAccessor(value => En ? $"'{value}' is not valid." : $"値「{value}」は正しくありません。");
        p.SetValueMustBeANumberAccessor(field => En ? $"{field} must be a number." : $"{field}には数値を入力してください。");
        p.SetValueMustNotBeNullAccessor(value => En ? $"'{value}' is not valid." : $"値「{value}」は正しくありません。");
    }
}
