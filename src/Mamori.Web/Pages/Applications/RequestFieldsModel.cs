namespace Mamori.Web.Pages.Applications;

/// <summary>Model of the shared request partial (menu, concerns, information list, consents).</summary>
[FeatureApi]
public sealed record RequestFieldsModel(RequestInput Request, string Prefix, bool RequireAssets);
