using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Infrastructure;

/// <summary>Model-binding errors in the user's language, naming the field (the default texts are English only).
/// The message provider is configured once at start-up, outside dependency injection, so it reads the shared
/// resource through a localizer of its own; the texts follow the request's UI culture like every other.</summary>
public static class ModelBindingMessages
{
    private static readonly Lazy<IStringLocalizer> Localizer = new(() => new CachedStringLocalizer(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource))));

    private static IStringLocalizer T => Localizer.Value;

    public static void Configure(DefaultModelBindingMessageProvider p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.SetAttemptedValueIsInvalidAccessor((value, field) => T["{0}の値「{1}」は正しくありません。", field, value]);
        p.SetMissingBindRequiredValueAccessor(field => T["{0}を入力してください。", field]);
        p.SetMissingKeyOrValueAccessor(() => T["値を入力してください。"]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => T["送信内容がありません。"]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => T["値「{0}」は正しくありません。", value]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => T["値が正しくありません。"]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => T["数値を入力してください。"]);
        p.SetUnknownValueIsInvalidAccessor(field => T["{0}の値が正しくありません。", field]);
        p.SetValueIsInvalidAccessor(value => T["値「{0}」は正しくありません。", value]);
        p.SetValueMustBeANumberAccessor(field => T["{0}には数値を入力してください。", field]);
        p.SetValueMustNotBeNullAccessor(value => T["値「{0}」は正しくありません。", value]);
    }
}
