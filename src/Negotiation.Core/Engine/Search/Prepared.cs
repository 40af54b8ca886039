using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Negotiation.Core.Engine;

/// <summary>
/// What an offer search over one party's preferences and allowed options works out before it looks at a target:
/// which terms are open, their search order, and the halves. Kept per utility model (a model is shared by every
/// call for the same party of the same scenario, see <see cref="UtilityModel.For"/>) and per allowed options.
/// </summary>
internal sealed class Prepared
{
    private static readonly ConditionalWeakTable<double[][], ConcurrentDictionary<JaggedKey<int>, Prepared>> Kept = new();

    private Prepared(double[][] weighted, int[][] allowed, double tolerance)
    {
        var open = new List<int>(allowed.Length);
        var flat = new List<int>(allowed.Length);
        for (var k = 0; k < allowed.Length; k++)
        {
            var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
            foreach (var o in allowed[k]) (min, max) = (Math.Min(min, weighted[k][o]), Math.Max(max, weighted[k][o]));
            (max - min > tolerance ? open : flat).Add(k);
        }
        Flat = [.. flat];
        Space = OpenTerms.Of(weighted, allowed, open, tolerance);
        _halves = MeetInTheMiddle.Fits(Space) ? new SearchedHalves(Space) : null;
        Max = OfferSearch.MaxUtility(weighted, allowed);
        BestIsUnique = true;
        foreach (var values in Space.Values)
            if (values.Length > 1 && values[^1] - values[^2] <= 2 * tolerance) BestIsUnique = false;
    }

    /// <summary>
    /// Whether one offer alone is worth the most: each open term's best option beats its next by more than twice the
    /// search's tolerance, so no other offer comes within the tolerance of the best (issue 24's shortcut).
    /// </summary>
    public bool BestIsUnique { get; }

    /// <summary>Terms whose allowed options are all worth the same.</summary>
    public int[] Flat { get; }

    public OpenTerms Space { get; }

    private readonly SearchedHalves? _halves;

    /// <summary>
    /// Null when the space is too large to split. Built on the first search that needs them: a party that only ever
    /// asks for its best offer never does (issue 24). Each call counts as a search (see <see cref="SearchedHalves"/>).
    /// </summary>
    public Halves? Halves => _halves?.ForSearch();

    /// <summary>The halves built so far, if any, without counting a search (for tests).</summary>
    internal Halves? Built => _halves?.Built;

    private Blocks? _blocks;

    /// <summary>The blocks a space too large for the halves is searched by, made on the first search that needs them.</summary>
    public Blocks Blocks => _blocks ?? Interlocked.CompareExchange(ref _blocks, Engine.Blocks.For(Space), null) ?? _blocks!;

    /// <summary>The most an offer within the allowed options is worth.</summary>
    public double Max { get; }

    /// <summary>What a search over these numbers prepares; <paramref name="tolerance"/> is the same at every call with the same numbers.</summary>
    public static Prepared For(double[][] weighted, int[][] allowed, double tolerance = OfferSearch.Epsilon) =>
        Kept.GetValue(weighted, static _ => new()).GetOrAdd(new JaggedKey<int>(allowed), static (key, state) => new Prepared(state.weighted, key.Values, state.tolerance), (weighted, tolerance));
}
