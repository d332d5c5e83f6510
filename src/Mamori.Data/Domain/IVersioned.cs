namespace Mamori.Domain;

/// <summary>An aggregate edited through forms; the version is the optimistic-concurrency token,
/// renewed on every save so a stale form is detected instead of silently overwriting.</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
