namespace Mamori.Domain;

/// <summary>Marks free text that may describe a company's weaknesses: the audit trail records
/// that it changed, never the text itself.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveTextAttribute : Attribute;
