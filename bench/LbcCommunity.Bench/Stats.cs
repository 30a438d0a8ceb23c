namespace LbcCommunity.Bench;

internal static class Stats
{
    /// <summary>The p-th percentile (0–100) of the values, nearest rank; 0 for none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
