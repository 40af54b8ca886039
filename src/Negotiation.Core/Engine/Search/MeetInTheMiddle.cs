using System.Buffers;

namespace Negotiation.Core.Engine;

/// <summary>
/// The offer search as a meet in the middle: the open terms are split in two halves (the first half the more
/// significant in search order), each half's partial offers are listed once, sorted by worth, and kept for
/// every later search with the same preferences (<see cref="Halves"/>). A search then walks the two sorted
/// lists against each other twice: once for the least total worth that reaches the target, once for the
/// pairs that tie it, keeping the one closest to the reference and then first in search order, which is
/// the offer <see cref="BranchAndBound"/> finds, in time linear in the halves.
/// </summary>
internal static class MeetInTheMiddle
{
    /// <summary>The most partial offers a half may list; a larger space is searched by branch and bound.</summary>
    public const int MaxHalf = 1 << 17;

    public static bool Fits(OpenTerms space)
    {
        var split = space.Order.Length / 2;
        return Count(space, 0, split) <= MaxHalf && Count(space, split, space.Order.Length - split) <= MaxHalf;
    }

    /// <summary>Writes each position's chosen option (an index into its options) into <paramref name="picks"/>; false when nothing reaches the target.</summary>
    public static bool Find(OpenTerms space, Halves halves, double target, int[]? wanted, int[] picks)
    {
        var (a, b) = (halves.First, halves.Second);
        var floor = target - OfferSearch.Epsilon;

        // The least total worth that reaches the target: as a's worth rises, b's least partner falls.
        var partner = ArrayPool<int>.Shared.Rent(a.Count);
        var groupBest = ArrayPool<long>.Shared.Rent(b.Groups);
        try
        {
            var least = double.PositiveInfinity;
            var lo = b.Count;
            for (var i = 0; i < a.Count; i++)
            {
                var worth = a.Value[i];
                while (lo > 0 && worth + b.Value[lo - 1] >= floor) lo--;
                partner[i] = lo;
                if (lo < b.Count) least = Math.Min(least, worth + b.Value[lo]);
            }
            if (double.IsPositiveInfinity(least)) return false;

            // Among the pairs that tie it: the fewest terms away from the reference, then the first in search order.
            var ceiling = least + OfferSearch.Epsilon;
            Array.Fill(groupBest, -1L, 0, b.Groups);
            var (bestDistance, bestLex, bestA, bestB) = (int.MaxValue, long.MaxValue, -1, -1);
            for (var i = 0; i < a.Count; i++)
            {
                var lo2 = partner[i];
                var worth = a.Value[i];
                if (lo2 == b.Count || worth + b.Value[lo2] > ceiling) continue;
                var distanceA = a.Distance(i, space, wanted);
                if (distanceA > bestDistance) continue;
                for (var g = b.GroupOf[lo2]; g < b.Groups && worth + b.Value[b.GroupStart(g)] <= ceiling; g++)
                {
                    if (groupBest[g] < 0) groupBest[g] = b.BestOfGroup(g, space, wanted);
                    var best = groupBest[g];
                    var distance = distanceA + (int)(best >> 40);
                    var lex = (long)a.Lex[i] * b.Count + (int)((best >> 20) & 0xFFFFF);
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
            ArrayPool<int>.Shared.Return(partner);
            ArrayPool<long>.Shared.Return(groupBest);
        }
    }

    private static long Count(OpenTerms space, int start, int length)
    {
        long count = 1;
        for (var p = start; p < start + length && count <= MaxHalf; p++) count *= space.Options[p].Length;
        return count;
    }
}
