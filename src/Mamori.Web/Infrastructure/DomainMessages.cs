using Mamori.Domain;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>Shows a broken domain rule in the user's language: the rule's Japanese text is the key, and an enum
/// argument (a status, a session type) is shown by its localized name.</summary>
public static class DomainMessages
{
    public static string Localize(this IStringLocalizer t, DomainException ex) =>
        ex.MessageFormat.Length == 0
            ? ex.Message
            : t[ex.MessageFormat, [.. ex.Arguments.Select(a => a is Enum e ? t[Names.OfAny(e)].Value : a)]].Value;
}
