using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>Shows an import problem in the user's language, as <see cref="DomainMessages"/> does for a broken
/// domain rule: the Japanese format is the key, an enum argument is shown by its localized name.</summary>
public static class ImportErrorMessages
{
    public static string Localize(this IStringLocalizer t, ImportError error)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(error);
        // Without arguments the text is not formatted: a message passed through from elsewhere may hold braces.
        return error.Arguments.Count == 0
            ? t[error.MessageFormat].Value
            : t[error.MessageFormat, [.. error.Arguments.Select(a => a is Enum e ? t[Names.OfAny(e)].Value : a)]].Value;
    }
}
