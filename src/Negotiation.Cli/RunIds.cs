namespace Negotiation.Cli;

internal static class RunIds
{
    /// <summary>Readable and unique: the scenario, the seed, the time, and a few random characters.</summary>
    public static string New(string scenario, int seed) =>
        $"{scenario}-s{seed}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..4]}";
}
