namespace Mamori.Data;

/// <summary>The one audit row that describes a bulk change (<see cref="AppDbContext.BulkChangeAsync"/>).
/// <see cref="EntityId"/> is read after the last save, so it can be a key the database generated.</summary>
public sealed record BulkChange(string Action, string EntityType, Func<string> EntityId, string Details);
