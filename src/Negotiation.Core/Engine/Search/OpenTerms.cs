namespace Negotiation.Core.Engine;

/// <summary>
/// The terms an offer search has to decide, in search order (the terms that can move utility most first), each
/// with its allowed options in increasing value (ties by option index) and what each option is worth.
/// </summary>
internal sealed class OpenTerms
{
    private OpenTerms(int[] order, int[][] options, double[][] values)
    {
        Order = order;
        Options = options;
        Values = values;
    }

    /// <summary>The term index of each search position.</summary>
    public int[] Order { get; }

    /// <summary>Per position, the allowed options in search order.</summary>
    public int[][] Options { get; }

    /// <summary>Per position, the worth of each of <see cref="Options"/>, so ascending.</summary>
    public double[][] Values { get; }

    public static OpenTerms Of(double[][] weighted, int[][] allowed, IReadOnlyList<int> open)
    {
        var order = open
            .OrderByDescending(k => allowed[k].Max(o => weighted[k][o]) - allowed[k].Min(o => weighted[k][o]))
            .ThenBy(k => k)
            .ToArray();
        var options = order.Select(k => allowed[k].OrderBy(o => weighted[k][o]).ThenBy(o => o).ToArray()).ToArray();
        var values = order.Select((k, i) => options[i].Select(o => weighted[k][o]).ToArray()).ToArray();
        return new OpenTerms(order, options, values);
    }

    /// <summary>The last of a position's options, worth its most: the choice when no offer reaches the target.</summary>
    public int BestPosition(int i) => Options[i].Length - 1;
}
