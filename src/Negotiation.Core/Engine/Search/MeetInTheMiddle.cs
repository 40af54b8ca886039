using System.Buffers;

namespace Negotiation.Core.Engine;

/// <summary>
/// The offer search as a meet in the middle: the open terms are split in two halves (the first usually the more
/// significant in search order; any two sets of positions do), each half's partial offers are listed once, sorted by
/// worth, and kept for every later search with the same preferences (<see cref="Halves"/>). A search then takes each partial offer of
/// the first half that can take part, in order, and finds its least partner in the second half (walking down it, or
/// through its index when the halves are uneven), for the least total worth that reaches the target and the pairs that
/// tie it; then keeps among those the one closest to the reference and then first in search order: the offer
/// <see cref="BranchAndBound"/> finds, in time linear in the halves.
/// </summary>
internal static class MeetInTheMiddle
{
    /// <summary>The most partial offers a half may list; a larger space is searched by <see cref="Blocks"/>.</summary>
    public const int MaxHalf = 1 << 17;

    public static bool Fits(OpenTerms space)
    {
        var split = space.Order.Length / 2;
        return PartialOffers(space, 0, split) <= MaxHalf && PartialOffers(space, split, space.Order.Length - split) <= MaxHalf;
    }

    /// <summary>Writes each position's chosen option (an index into its options) into <paramref name="picks"/>; false when nothing reaches the target.</summary>
    public static bool Find(OpenTerms space, Halves halves, double target, int[]? wanted, int[] picks)
    {
        var (a, b) = (halves.First, halves.Second);
        var (av, bv) = (a.Value, b.Value);
        var floor = target - space.Tolerance;
        var (bMin, bMax) = (bv[0], bv[b.Count - 1]);

        // One walk over the first half (issue 24: it was two over the whole first half, and most of a search's time).
        // Only the partial offers that the second half's best lifts to the floor can take part: the walk starts at the
        // first of them, and stops where even the second half's least lifts a partial offer past the least total found.
        // Halves of equal size: the partner moves down the second half as the walk goes up the first. Uneven (shared)
        // halves: the first is small and the second large, so each partner is looked up in the second's index instead.
        var from = Array.BinarySearch(av, floor - bMax);
        from = from < 0 ? ~from : from;
        while (from > 0 && av[from - 1] + bMax >= floor) from--;

        // The least total worth that reaches the target, and the pairs within the tolerance of it (first half's
        // index, second half's least partner), kept in the first half's order as the walk goes.
        var tied = ArrayPool<int>.Shared.Rent(2 * a.Count);
        try
        {
            var (least, ceiling, count, lo) = (double.PositiveInfinity, double.PositiveInfinity, 0, b.Count);
            var lookUp = b.Indexed;
            for (var i = from; i < a.Count; i++)
            {
                var worth = av[i];
                if (worth + bMin > ceiling) break;
                if (lookUp) lo = b.FirstReaching(worth, floor);
                else
                    while (lo > 0 && worth + bv[lo - 1] >= floor) lo--;
                if (lo == b.Count) continue;
                var sum = worth + bv[lo];
                if (sum > ceiling) continue;
                if (sum < least)
                {
                    least = sum;
                    ceiling = least + space.Tolerance;
                    var kept = 0;
                    for (var t = 0; t < count; t += 2)
                        if (av[tied[t]] + bv[tied[t + 1]] <= ceiling) (tied[kept], tied[kept + 1], kept) = (tied[t], tied[t + 1], kept + 2);
                    count = kept;
                }
                (tied[count], tied[count + 1], count) = (i, lo, count + 2);
            }
            if (count == 0) return false;

            // Among the pairs that tie it: the fewest terms away from the reference, then the first in search order.
            // Each group's best partial offer, worked out once: a few kept on the stack, more (a space full of ties) in a map.
            Span<int> seenGroup = stackalloc int[8];
            Span<long> seenBest = stackalloc long[8];
            var seen = 0;
            Dictionary<int, long>? groupBest = null;
            var (bestDistance, bestLex, bestA, bestB) = (int.MaxValue, long.MaxValue, -1, -1);
            for (var t = 0; t < count; t += 2)
            {
                var (i, lo2) = (tied[t], tied[t + 1]);
                var worth = av[i];
                var distanceA = a.Distance(i, space, wanted);
                if (distanceA > bestDistance) continue;
                for (var g = b.GroupStartOf(lo2); g < b.Count && worth + bv[g] <= ceiling; g = b.NextGroup(g))
                {
                    var at = seenGroup[..seen].IndexOf(g);
                    long best;
                    if (at >= 0) best = seenBest[at];
                    else if (groupBest is not null && groupBest.TryGetValue(g, out best)) { }
                    else
                    {
                        best = b.BestOfGroup(g, space, wanted);
                        if (seen < seenGroup.Length) (seenGroup[seen], seenBest[seen], seen) = (g, best, seen + 1);
                        else (groupBest ??= [])[g] = best;
                    }
                    var distance = distanceA + (int)(best >> 40);
                    var lex = halves.Place(i, (int)(best & 0xFFFFF), (int)((best >> 20) & 0xFFFFF));
                    if (distance > bestDistance || (distance == bestDistance && lex >= bestLex)) continue;
                    (bestDistance, bestLex, bestA, bestB) = (distance, lex, i, (int)(best & 0xFFFFF));
                }
            }
            a.CopyPicks(bestA, picks);
            b.CopyPicks(bestB, picks);
            return true;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(tied);
        }
    }

    /// <summary>How many partial offers the positions from <paramref name="start"/> list (counted only until past <see cref="MaxHalf"/>).</summary>
    public static long PartialOffers(OpenTerms space, int start, int length)
    {
        long count = 1;
        for (var p = start; p < start + length && count <= MaxHalf; p++) count *= space.Options[p].Length;
        return count;
    }
}
