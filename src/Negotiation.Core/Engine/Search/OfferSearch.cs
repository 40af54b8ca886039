using System.Buffers;

namespace Negotiation.Core.Engine;

/// <summary>
/// Finds, among the offers built from each term's allowed options, the one whose utility is closest to and not
/// below a target; among equals, the one closest (fewest differing terms) to a reference offer; then the first
/// in search order: terms ordered by how much they can move utility, each term's options by increasing value.
/// Terms whose allowed options are all worth the same are set directly. The rest is split in two halves whose
/// partial offers are sorted once per preference and kept (<see cref="MeetInTheMiddle"/>), so a space of
/// millions of offers is never enumerated; a space too large to split is searched block by block (<see cref="Blocks"/>,
/// each block exactly, the offer not always the least of all). <see cref="BranchAndBound"/> is the reference the
/// halves are checked against.
/// </summary>
public static class OfferSearch
{
    public const double Epsilon = 1e-9;

    /// <summary>
    /// The most nodes one branch-and-bound search visits (the reference search, see <see cref="BranchAndBound"/>). Spaces with many
    /// offers of equal utility can otherwise take minutes; past the budget the search keeps the best offer found
    /// so far, or the party's best offer when it found none. Deterministic, so the same run gives the same events.
    /// </summary>
    public const int NodeBudget = 400_000;

    public static double MaxUtility(double[][] weighted, int[][] allowed)
    {
        var sum = 0.0;
        for (var k = 0; k < allowed.Length; k++)
        {
            var max = double.NegativeInfinity;
            foreach (var o in allowed[k]) max = Math.Max(max, weighted[k][o]);
            sum += max;
        }
        return sum;
    }

    /// <summary>Null when some term has no allowed option. A target above the best reachable means the best.</summary>
    public static int[]? Find(double[][] weighted, int[][] allowed, double target, IReadOnlyList<int>? reference) =>
        Find(weighted, allowed, target, reference, useHalves: true);

    /// <summary>
    /// A party's search, on its model's numbers by weight (<see cref="UtilityModel.ByWeight"/>) with the target and
    /// the tolerance scaled alike: the same offer as on its normalised numbers, and a term's numbers stay the same
    /// whatever weight a run draws for another term, so what the search prepares for them is shared (issue 24).
    /// </summary>
    public static int[]? Find(UtilityModel model, int[][] allowed, double target, IReadOnlyList<int>? reference) =>
        Find(model.ByWeight, allowed, target * model.WeightSum, reference, useHalves: true, tolerance: Epsilon * model.WeightSum);

    internal static int[]? Find(double[][] weighted, int[][] allowed, double target, IReadOnlyList<int>? reference, bool useHalves, bool shortcut = true, double tolerance = Epsilon)
    {
        foreach (var a in allowed) if (a.Length == 0) return null;
        var prepared = Prepared.For(weighted, allowed, tolerance);
        // A target at or above the best reachable offer asks for the best offer; when one offer alone is worth the most
        // it is the one either search would find, and no search is needed (a party holding out at its best: issue 24).
        // Within the tolerance of the best counts: every other offer is more than twice the tolerance below it, so below
        // the search's floor. A target of the normalised best, multiplied by the weights' sum, may land a rounding below
        // the best by weight (issue 24: half the searches of a run that draws its weights, each needless).
        var best = shortcut && target >= prepared.Max - tolerance && prepared.BestIsUnique;
        target = Math.Min(target, prepared.Max);

        var choice = new int[allowed.Length];
        var fixedSum = 0.0;
        var fixedDistance = 0;
        foreach (var k in prepared.Flat)
        {
            // Every allowed option is worth the same: take the one the other side asked for, if allowed.
            choice[k] = reference is not null && Array.IndexOf(allowed[k], reference[k]) >= 0 ? reference[k] : allowed[k][0];
            fixedSum += weighted[k][choice[k]];
            if (reference is not null && choice[k] != reference[k]) fixedDistance++;
        }

        var space = prepared.Space;
        // Scratch from the pool: the reference in search order and the halves' picks (issue 24).
        var wanted = reference is not null && !best ? ArrayPool<int>.Shared.Rent(space.Order.Length) : null;
        var picked = best ? null : ArrayPool<int>.Shared.Rent(space.Order.Length);
        try
        {
            if (wanted is not null)
                for (var i = 0; i < space.Order.Length; i++) wanted[i] = reference![space.Order[i]];
            var picks = best ? null : Picks(prepared, target - fixedSum, wanted, fixedDistance, useHalves, picked!);
            for (var i = 0; i < space.Order.Length; i++)
                choice[space.Order[i]] = space.Options[i][picks is null ? space.BestPosition(i) : picks[i]];
        }
        finally
        {
            if (wanted is not null) ArrayPool<int>.Shared.Return(wanted);
            if (picked is not null) ArrayPool<int>.Shared.Return(picked);
        }
        return choice;
    }

    // Each position's chosen option (an index into its options), or null when nothing reaches the target.
    private static int[]? Picks(Prepared prepared, double target, int[]? wanted, int fixedDistance, bool useHalves, int[] picked)
    {
        var space = prepared.Space;
        if (!useHalves) return BranchAndBound.Find(space, target, wanted, fixedDistance);
        if (prepared.Halves is { } halves) return MeetInTheMiddle.Find(space, halves, target, wanted, picked) ? picked : null;
        // Past the halves: block by block, each block exactly (issue 24).
        prepared.Blocks.Find(space, target, wanted, picked);
        return picked;
    }
}
