namespace Mamori.Web.Infrastructure;

/// <summary>Model of the shared country + region picker partial.</summary>
public sealed record CountryRegionModel(
    IReadOnlyList<Lookups.CountryItem> Countries, IReadOnlyList<Lookups.RegionItem> Regions,
    string? Country, string? Region, string CountryField, string RegionField);
