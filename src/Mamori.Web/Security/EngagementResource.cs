namespace Mamori.Web.Security;

/// <summary>What the record check needs to know about one engagement.</summary>
public sealed record EngagementResource(int Id, int CompanyId, IReadOnlyCollection<int> ExpertIds);
