using System.Buffers;

namespace Negotiation.Core.Engine;

/// <summary>
/// The offer search in a space too large for <see cref="MeetInTheMiddle"/>'s halves (more than about 14 terms of 5
/// options): finding the offer closest above a target among 5^20 is a subset-sum problem, and no exact method grows
/// gently with the terms (issue 24). The positions are cut into blocks of about ten, each small enough for even halves
/// of at most <see cref="BlockHalf"/> partial offers, kept with the blocks (<see cref="SearchedHalves"/>). Starting
/// from the other side's offer (or the party's best), each block in turn is searched exactly, the other blocks held,
/// and its answer kept when the whole offer is better by the search's own order: reaching the target, then least worth,
/// then fewest terms away from the reference, then first in search order. Blocks cut two ways (the second shifted by
/// half a block) take turns until neither changes the offer. The answer is an offer no block can better: always within
/// the allowed options, reaching the target whenever any offer does, deterministic; not always the least of all (the
/// figures measure how often it is). It replaces a branch and bound that, at 15 terms and more, ran out of its node
/// budget on almost every search and kept whatever it had found.
/// </summary>
internal sealed class Blocks
{
    /// <summary>The most partial offers a block's half may list.</summary>
    public const int BlockHalf = 1 << 12;

    private const int MaxPasses = 8;

    private readonly int[][][] _partitions;
    private readonly OpenTerms[][] _spaces;
    private readonly SearchedHalves[][] _halves;

    private Blocks(OpenTerms space, int size)
    {
        var n = space.Order.Length;
        _partitions = [Cut(n, size, 0), Cut(n, size, size / 2)];
        _spaces = [.. _partitions.Select(p => p.Select(space.Subset).ToArray())];
        _halves = [.. _spaces.Select(cut => cut.Select(block => new SearchedHalves(block)).ToArray())];
    }

    /// <summary>The blocks for a space: as many positions to a block as both cuts allow.</summary>
    public static Blocks For(OpenTerms space)
    {
        var n = space.Order.Length;
        for (var size = Math.Min(n, 12); size > 2; size--)
            if (Fits(space, Cut(n, size, 0)) && Fits(space, Cut(n, size, size / 2))) return new Blocks(space, size);
        return new Blocks(space, 2);
    }

    // Consecutive positions, the first block starting at `shift` and the last wrapping round to the start.
    private static int[][] Cut(int n, int size, int shift)
    {
        var blocks = new List<int[]>();
        for (var first = 0; first < n; first += size)
            blocks.Add([.. Enumerable.Range(first, Math.Min(size, n - first)).Select(p => (p + shift) % n).Order()]);
        return [.. blocks];
    }

    private static bool Fits(OpenTerms space, int[][] blocks) => blocks.All(block =>
    {
        var split = block.Length / 2;
        return Count(space, block[..split]) <= BlockHalf && Count(space, block[split..]) <= BlockHalf;
    });

    private static long Count(OpenTerms space, int[] positions)
    {
        long count = 1;
        foreach (var p in positions) count = Math.Min(count * space.Options[p].Length, long.MaxValue / 64);
        return count;
    }

    /// <summary>Writes each position's chosen option (an index into its options) into <paramref name="picks"/>.</summary>
    public void Find(OpenTerms space, double target, int[]? wanted, int[] picks)
    {
        var n = space.Order.Length;
        // Start from the other side's offer where the space allows it, else from the party's best.
        for (var p = 0; p < n; p++)
        {
            var at = wanted is null ? -1 : Array.IndexOf(space.Options[p], wanted[p]);
            picks[p] = at >= 0 ? at : space.BestPosition(p);
        }
        var current = Score.Of(space, picks, wanted, target);

        var trial = ArrayPool<int>.Shared.Rent(n);
        var blockPicks = ArrayPool<int>.Shared.Rent(n);
        var blockWanted = wanted is null ? null : ArrayPool<int>.Shared.Rent(n);
        try
        {
            // A block searched again with nothing changed since its last search would give the same answer: skipped.
            Span<int> searchedAt = stackalloc int[_partitions[0].Length + _partitions[1].Length];
            searchedAt.Fill(-1);
            var (changes, still) = (0, 0);
            for (var pass = 0; pass < MaxPasses && still < 2; pass++)
            {
                var cut = pass % 2;
                var changed = false;
                for (var b = 0; b < _partitions[cut].Length; b++)
                {
                    var slot = cut * _partitions[0].Length + b;
                    if (searchedAt[slot] == changes) continue;
                    searchedAt[slot] = changes;
                    var block = _partitions[cut][b];
                    var others = current.Worth;
                    foreach (var p in block) others -= space.Values[p][picks[p]];
                    if (blockWanted is not null)
                        for (var i = 0; i < block.Length; i++) blockWanted[i] = wanted![block[i]];
                    var blockSpace = _spaces[cut][b];
                    if (!MeetInTheMiddle.Find(blockSpace, _halves[cut][b].ForSearch(), target - others, blockWanted, blockPicks))
                        for (var i = 0; i < block.Length; i++) blockPicks[i] = blockSpace.BestPosition(i);

                    Array.Copy(picks, trial, n);
                    for (var i = 0; i < block.Length; i++) trial[block[i]] = blockPicks[i];
                    var candidate = Score.Of(space, trial, wanted, target);
                    if (!candidate.Beats(current, trial, picks, n, space.Tolerance)) continue;
                    Array.Copy(trial, picks, n);
                    current = candidate;
                    changed = true;
                    searchedAt[slot] = ++changes;
                }
                still = changed ? 0 : still + 1;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(trial);
            ArrayPool<int>.Shared.Return(blockPicks);
            if (blockWanted is not null) ArrayPool<int>.Shared.Return(blockWanted);
        }
    }

    /// <summary>A whole offer as the search ranks it: worth (added in position order), whether it reaches the target, distance.</summary>
    private readonly record struct Score(double Worth, bool Reaches, int Distance)
    {
        public static Score Of(OpenTerms space, int[] picks, int[]? wanted, double target)
        {
            var (worth, distance) = (0.0, 0);
            for (var p = 0; p < space.Order.Length; p++)
            {
                worth += space.Values[p][picks[p]];
                if (wanted is not null && space.Options[p][picks[p]] != wanted[p]) distance++;
            }
            return new Score(worth, worth >= target - space.Tolerance, distance);
        }

        /// <summary>Reaching the target first; then the least worth (more when neither reaches, worths within the tolerance equal); then distance; then search order.</summary>
        public bool Beats(Score other, int[] mine, int[] theirs, int n, double tolerance)
        {
            if (Reaches != other.Reaches) return Reaches;
            if (!Reaches) return Worth > other.Worth + tolerance;
            if (Worth < other.Worth - tolerance) return true;
            if (Worth > other.Worth + tolerance) return false;
            if (Distance != other.Distance) return Distance < other.Distance;
            for (var p = 0; p < n; p++)
                if (mine[p] != theirs[p]) return mine[p] < theirs[p];
            return false;
        }
    }
}
