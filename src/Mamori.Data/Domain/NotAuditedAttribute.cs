namespace Mamori.Domain;

/// <summary>Marks properties the audit trail never records (hashes, stamps, blobs).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
