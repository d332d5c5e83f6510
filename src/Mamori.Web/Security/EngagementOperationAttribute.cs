namespace Mamori.Web.Security;

/// <summary>Declares what a page handler does to the engagement named in its route; <see cref="EngagementRecordFilter"/>
/// checks it before the handler runs. On the page model it covers every handler; on a handler it overrides that.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class EngagementOperationAttribute(string operation) : Attribute
{
    /// <summary>The name of one of <see cref="EngagementOperations"/>.</summary>
    public string Operation { get; } = operation;

    /// <summary>The route value that holds the engagement's id.</summary>
    public string RouteKey { get; init; } = "engagementId";
}
