using Negotiation.Core.Engine;

namespace Negotiation.Core.Exploration;

/// <summary>
/// How much of an output's variance one input explains. <see cref="First"/>: alone (first-order index, or the
/// correlation ratio of a feature ranking); <see cref="Total"/>: with all its interactions (Sobol designs only).
/// Each with the half-width of its 95 % bootstrap confidence interval.
/// </summary>
public sealed record InputSensitivity(string Input, double First, double FirstConfidence, double? Total, double? TotalConfidence);

/// <summary>What a design says about one output (a vendor's value, the agency's payoff).</summary>
/// <param name="Method">"sobol" (first-order and total indices) or "correlation-ratio" (a feature ranking)</param>
public sealed record OutputSensitivity(string Output, string Method, IReadOnlyList<InputSensitivity> Inputs);

/// <summary>
/// Variance-based sensitivity (cli.md 1.2). Sobol indices from Saltelli's design, with the estimators of Saltelli
/// et al. (2010) for the first order (S_i = mean(f(B)(f(AB_i) - f(A))) / V) and of Jansen (1999) for the total
/// (S_Ti = mean((f(A) - f(AB_i))^2) / 2V), V the variance of f over A and B together, outputs standardised first;
/// confidence from 100 bootstrap resamples of the N rows (1.96 standard deviations), as SALib reports them.
/// For designs that are not Saltelli's, each input's correlation ratio (the share of variance its conditional
/// mean explains, over 10 bins of equal count, or its options for words), corrected for the share bins explain
/// of noise (epsilon squared, at least 0): a first-order estimate that ranks the inputs, with bootstrap
/// confidence over the points.
/// </summary>
public static class Sensitivity
{
    public const int Resamples = 100;
    private const double Z95 = 1.959964;

    /// <summary>A standard deviation below this is rounding, not variation: values and payoffs are on a [0, 1] scale.</summary>
    private const double Flat = 1e-9;

    /// <param name="y">one output per design point, in the order <see cref="Design.Points"/> gives them</param>
    public static IReadOnlyList<InputSensitivity> Sobol(IReadOnlyList<string> inputs, IReadOnlyList<double> y, int samples, int seed = 1)
    {
        var d = inputs.Count;
        if (y.Count != samples * (d + 2)) throw new ArgumentException($"a Saltelli design of {samples} samples over {d} inputs has {samples * (d + 2)} outputs, not {y.Count}");
        var standard = Standardised(y);
        double F(int row, int column) => standard[row * (d + 2) + column];   // column 0: A, 1..d: AB_i, d + 1: B
        var all = Enumerable.Range(0, samples).ToArray();
        var resamples = Enumerable.Range(0, Resamples)
            .Select(r => Enumerable.Range(0, samples).Select(j => Math.Min(samples - 1, (int)(SeededRandom.Draw(seed, "bootstrap", r * samples + j, "sobol") * samples))).ToArray())
            .ToList();
        return inputs.Select((name, i) =>
        {
            (double First, double Total) Indices(int[] rows)
            {
                var variance = Variance(rows.SelectMany(j => new[] { F(j, 0), F(j, d + 1) }).ToList());
                if (variance <= 0) return (0, 0);
                var first = rows.Average(j => F(j, d + 1) * (F(j, i + 1) - F(j, 0))) / variance;
                var total = 0.5 * rows.Average(j => Math.Pow(F(j, 0) - F(j, i + 1), 2)) / variance;
                return (first, total);
            }
            var (s1, st) = Indices(all);
            var boot = resamples.Select(Indices).ToList();
            return new InputSensitivity(name, s1, Z95 * Spread(boot.Select(b => b.First)), st, Z95 * Spread(boot.Select(b => b.Total)));
        }).ToList();
    }

    /// <param name="points">each point's number per input (<see cref="DesignInput.Number"/>)</param>
    public static IReadOnlyList<InputSensitivity> CorrelationRatios(IReadOnlyList<DesignInput> inputs, IReadOnlyList<double[]> points, IReadOnlyList<double> y, int seed = 1)
    {
        var n = y.Count;
        var resamples = Enumerable.Range(0, Resamples)
            .Select(r => Enumerable.Range(0, n).Select(j => Math.Min(n - 1, (int)(SeededRandom.Draw(seed, "bootstrap", r * n + j, "ratio") * n))).ToArray())
            .ToList();
        return inputs.Select((input, i) =>
        {
            var bins = Bins(input, points.Select(p => p[i]).ToList());
            double Ratio(int[] rows)
            {
                var mean = rows.Average(j => y[j]);
                var total = rows.Sum(j => Math.Pow(y[j] - mean, 2));
                // An output that does not vary (beyond rounding in its last bits) has nothing to explain.
                if (total <= Flat * Flat * rows.Length) return 0;
                var groups = rows.GroupBy(j => bins[j]).ToList();
                var between = groups.Sum(g => g.Count() * Math.Pow(g.Average(j => y[j]) - mean, 2));
                // Epsilon squared: the ratio less what bins would explain of pure noise ((k - 1) mean squares within),
                // else 10 bins of a few points each explain a quarter of any output.
                var within = (total - between) / Math.Max(1, rows.Length - groups.Count);
                return Math.Max(0, (between - (groups.Count - 1) * within) / total);
            }
            var all = Enumerable.Range(0, n).ToArray();
            return new InputSensitivity(input.Path, Ratio(all), Z95 * Spread(resamples.Select(Ratio)), null, null);
        }).ToList();
    }

    /// <summary>Each point's bin: 10 of equal count for a range with more than 10 values, else one per value.</summary>
    private static int[] Bins(DesignInput input, IReadOnlyList<double> numbers)
    {
        var distinct = numbers.Distinct().Count();
        if (input is DesignInput.Words || distinct <= 10)
        {
            var values = numbers.Distinct().Order().Select((x, k) => (x, k)).ToDictionary(p => p.x, p => p.k);
            return numbers.Select(x => values[x]).ToArray();
        }
        var order = Enumerable.Range(0, numbers.Count).OrderBy(j => numbers[j]).ToArray();
        var bins = new int[numbers.Count];
        for (var rank = 0; rank < order.Length; rank++) bins[order[rank]] = rank * 10 / order.Length;
        return bins;
    }

    private static double[] Standardised(IReadOnlyList<double> y)
    {
        var mean = y.Average();
        var sd = Math.Sqrt(Variance(y));
        return y.Select(v => sd > Flat ? (v - mean) / sd : 0).ToArray();
    }

    /// <summary>The population variance (numpy's default), as SALib divides by it.</summary>
    private static double Variance(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Count;
    }

    private static double Spread(IEnumerable<double> values) => Math.Sqrt(Variance(values.ToList()));
}
