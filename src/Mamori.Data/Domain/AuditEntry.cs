namespace Mamori.Domain;

/// <summary>One row of the audit trail: who did what to which record, when, from where.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>created, updated, deleted, login, login-failed, lockout, denied, import, export ...</summary>
    public required string Action { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>JSON object of changed properties: {"Name":["old","new"]}; sensitive text shows only that it changed.</summary>
    public string Changes { get; set; } = "";
    public string IpAddress { get; set; } = "";
    /// <summary>The hash of the row before this one in its day's chain (a fixed value for a day's first row); empty
    /// for rows written before the chain existed. See AuditChain.</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary>SHA-256 over <see cref="PreviousHash"/> and every field above except the id (lowercase hex).</summary>
    public string Hash { get; set; } = "";
}
