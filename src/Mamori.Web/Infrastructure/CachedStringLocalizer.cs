using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>A localizer that caches found texts per UI culture; see <see cref="CachedStringLocalizerFactory"/>.</summary>
public sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    /// <summary>Far above the number of texts in the resource files (about 600 per culture).</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> found = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (found.TryGetValue(key, out var hit))
            {
                return hit;
            }
            var value = inner[name];
            if (found.Count < MaxEntries)
            {
                found.TryAdd(key, value);
            }
            return value;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            // Same formatting as the stock localizer: the format text of the UI culture, filled in with the current culture.
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
