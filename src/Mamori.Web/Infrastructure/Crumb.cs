namespace Mamori.Web.Infrastructure;

/// <summary>One step of the breadcrumb trail; the last one is the current page.</summary>
public sealed record Crumb(string Text, string? Href = null);
