using System.Collections.Concurrent;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>Remembers every answer of the resource files, per UI culture. The stock localizer asks the
/// ResourceManager on every call, which walks the culture fallback chain and allocates for each text;
/// a list page shows a few hundred of them (docs/benchmarks.md). Japanese texts are their own keys (the
/// neutral resource file is empty), so "not found" answers are kept too, up to a fixed number of entries,
/// so that no input can grow the cache without bound.</summary>
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<Type, IStringLocalizer> byType = new();
    private readonly ConcurrentDictionary<(string BaseName, string Location), IStringLocalizer> byName = new();

    public IStringLocalizer Create(Type resourceSource) =>
        byType.GetOrAdd(resourceSource, static (type, f) => new CachedStringLocalizer(f.Create(type)), inner);

    public IStringLocalizer Create(string baseName, string location) =>
        byName.GetOrAdd((baseName, location), static (key, f) => new CachedStringLocalizer(f.Create(key.BaseName, key.Location)), inner);
}
