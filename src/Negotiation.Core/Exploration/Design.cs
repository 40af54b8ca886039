using Negotiation.Core.Engine;

namespace Negotiation.Core.Exploration;

/// <summary>How a sweep places its points (cli.md 1.2 <c>--design</c>).</summary>
public enum DesignKind { Grid, Random, Lhs, Sobol }

/// <summary>
/// The points of a design over D inputs, each a coordinate in [0, 1) per input, reproducible from a seed:
/// <list type="bullet">
/// <item><c>random</c>: N independent uniform points;</item>
/// <item><c>lhs</c>: a Latin hypercube: each input's range cut into N equal strata, each stratum used once, at a
/// random place in it, the strata of different inputs paired at random;</item>
/// <item><c>sobol</c>: Saltelli's scheme for first-order and total indices (Saltelli 2002; Saltelli et al. 2010):
/// two matrices A and B from the first and last D columns of a 2D-dimensional Sobol' sequence (its first
/// max(16, 2^ceil(log2 N)) points skipped, as SALib does), and for each of their N rows the points A, AB_1 ...
/// AB_D (A with its i-th column from B), B: N (D + 2) points.</item>
/// </list>
/// </summary>
public static class Design
{
    public static IReadOnlyList<double[]> Points(DesignKind kind, int dimensions, int samples, int seed) => kind switch
    {
        DesignKind.Random => Enumerable.Range(0, samples)
            .Select(i => Enumerable.Range(0, dimensions).Select(d => SeededRandom.Draw(seed, $"design-{d}", i, "random")).ToArray()).ToList(),
        DesignKind.Lhs => LatinHypercube(dimensions, samples, seed),
        DesignKind.Sobol => Saltelli(dimensions, samples),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), "a grid has no points of its own"),
    };

    /// <summary>How many points a design of N samples over D inputs has.</summary>
    public static long Count(DesignKind kind, int dimensions, int samples) => kind == DesignKind.Sobol ? (long)samples * (dimensions + 2) : samples;

    /// <summary>The Sobol' points skipped before Saltelli's matrices (SALib's default).</summary>
    public static int SaltelliSkip(int samples) => Math.Max(16, (int)Math.Pow(2, Math.Ceiling(Math.Log2(Math.Max(samples, 1)))));

    private static List<double[]> LatinHypercube(int dimensions, int samples, int seed)
    {
        var points = Enumerable.Range(0, samples).Select(_ => new double[dimensions]).ToList();
        for (var d = 0; d < dimensions; d++)
        {
            var strata = Enumerable.Range(0, samples).OrderBy(i => SeededRandom.Draw(seed, $"design-{d}", i, "lhs-order")).ThenBy(i => i).ToArray();
            for (var i = 0; i < samples; i++)
                points[i][d] = (strata[i] + SeededRandom.Draw(seed, $"design-{d}", i, "lhs-place")) / samples;
        }
        return points;
    }

    private static List<double[]> Saltelli(int dimensions, int samples)
    {
        if (2 * dimensions > SobolSequence.MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), $"a Sobol design takes at most {SobolSequence.MaxDimensions / 2} inputs");
        var points = new List<double[]>(samples * (dimensions + 2));
        foreach (var row in SobolSequence.Points(2 * dimensions, samples, SaltelliSkip(samples)))
        {
            var a = row[..dimensions];
            var b = row[dimensions..];
            points.Add(a);
            for (var i = 0; i < dimensions; i++)
            {
                var ab = (double[])a.Clone();
                ab[i] = b[i];
                points.Add(ab);
            }
            points.Add(b);
        }
        return points;
    }
}
