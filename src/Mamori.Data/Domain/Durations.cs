namespace Mamori.Domain;

/// <summary>Durations are stored as whole minutes so both databases can sum and compare them exactly.</summary>
public static class Durations
{
    public static int FromHours(decimal hours) => (int)Math.Round(hours * 60m, MidpointRounding.AwayFromZero);

    public static decimal ToHours(int minutes) => minutes / 60m;

    /// <summary>"23", "1.5", "0.25" – hours without trailing zeros, invariant.</summary>
    public static string Format(int minutes) =>
        ToHours(minutes).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
