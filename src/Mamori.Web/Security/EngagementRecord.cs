using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Mamori.Web.Security;

/// <summary>An engagement the user can see, with what they may do with it (decided once, on load).</summary>
public sealed record EngagementRecord(EngagementResource Resource, IReadOnlySet<string> Allowed)
{
    public int Id => Resource.Id;

    /// <summary>Whether the user may do this; viewing is implied by having the record.</summary>
    public bool Can(OperationAuthorizationRequirement operation) =>
        operation == EngagementOperations.View || Allowed.Contains(operation.Name);
}
