using System.Text;

namespace Negotiation.Core.Engine;

/// <summary>
/// Every random draw of a run, derived from the seed and what it is for, so a run resumed or forked from its
/// events draws the same numbers. Stable across processes and platforms (no string.GetHashCode).
/// </summary>
public static class SeededRandom
{
    public static double Draw(int seed, string party, int round, string purpose)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{seed}|{party}|{round}|{purpose}"))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return (SplitMix64(hash) >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
