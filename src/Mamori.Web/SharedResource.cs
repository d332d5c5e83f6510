namespace Mamori.Web;

/// <summary>Marker for the shared string resources. Keys are the Japanese text itself; Resources/SharedResource.en.resx
/// holds the English. A missing English entry falls back to Japanese, never to a blank.</summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>, never instantiated
public class SharedResource;
#pragma warning restore CA1052
