namespace Negotiation.Core.Engine;

/// <summary>
/// The terms an offer search has to decide, in search order (the terms that can move utility most first), each
/// with its allowed options in increasing value (ties by option index) and what each option is worth.
/// </summary>
internal sealed class OpenTerms
{
    private OpenTerms(int[] order, int[][] options, double[][] values, double tolerance)
    {
        Order = order;
        Options = options;
        Values = values;
        Tolerance = tolerance;
    }

    /// <summary>How close two sums must be to count as equal, and how far below the target an offer may fall (<see cref="OfferSearch.Epsilon"/> in the units of <see cref="Values"/>).</summary>
    public double Tolerance { get; }

    /// <summary>The term index of each search position.</summary>
    public int[] Order { get; }

    /// <summary>Per position, the allowed options in search order.</summary>
    public int[][] Options { get; }

    /// <summary>Per position, the worth of each of <see cref="Options"/>, so ascending; exact to add (see <see cref="Exact"/>).</summary>
    public double[][] Values { get; }

    public static OpenTerms Of(double[][] weighted, int[][] allowed, IReadOnlyList<int> open, double tolerance = OfferSearch.Epsilon)
    {
        var spread = new double[weighted.Length];
        foreach (var k in open)
        {
            var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
            foreach (var o in allowed[k]) (min, max) = (Math.Min(min, weighted[k][o]), Math.Max(max, weighted[k][o]));
            spread[k] = max - min;
        }
        var order = open.ToArray();
        Array.Sort(order, (x, y) => spread[x] != spread[y] ? spread[y].CompareTo(spread[x]) : x.CompareTo(y));

        var options = new int[order.Length][];
        var values = new double[order.Length][];
        var bound = 0.0;
        for (var i = 0; i < order.Length; i++)
        {
            var worth = weighted[order[i]];
            var sorted = (int[])allowed[order[i]].Clone();
            Array.Sort(sorted, (x, y) => worth[x] != worth[y] ? worth[x].CompareTo(worth[y]) : x.CompareTo(y));
            options[i] = sorted;
            values[i] = new double[sorted.Length];
            for (var p = 0; p < sorted.Length; p++) values[i][p] = worth[sorted[p]];
            bound += Math.Max(Math.Abs(values[i][0]), Math.Abs(values[i][^1]));
        }
        Exact(values, bound);
        return new OpenTerms(order, options, values, tolerance);
    }

    /// <summary>
    /// Rounds each worth to a multiple of the power of two that makes every sum of them exact: no sum of worths exceeds
    /// <paramref name="bound"/>, so with the unit at 2^-52 of it each sum is a whole number of units below 2^53, which a
    /// double holds exactly. A worth moves by at most half a unit (about 10^-16 for worths below 1, what one addition
    /// rounds anyway), and sums no longer depend on the order they are added in: a search may split the terms
    /// anywhere and find the same offer (issue 24).
    /// </summary>
    private static void Exact(double[][] values, double bound)
    {
        if (!(bound > 0) || double.IsInfinity(bound)) return;
        var unit = Math.ScaleB(1.0, Math.ILogB(bound) + 1 - 52);
        foreach (var worths in values)
            for (var p = 0; p < worths.Length; p++) worths[p] = Math.Round(worths[p] / unit) * unit;
    }

    /// <summary>The positions given, in their order, as a space of their own (a block of <see cref="Blocks"/>).</summary>
    public OpenTerms Subset(IReadOnlyList<int> positions)
    {
        var order = new int[positions.Count];
        var options = new int[positions.Count][];
        var values = new double[positions.Count][];
        for (var i = 0; i < positions.Count; i++) (order[i], options[i], values[i]) = (Order[positions[i]], Options[positions[i]], Values[positions[i]]);
        return new OpenTerms(order, options, values, Tolerance);
    }

    /// <summary>The last of a position's options, worth its most: the choice when no offer reaches the target.</summary>
    public int BestPosition(int i) => Options[i].Length - 1;
}
