using System.Buffers;
using System.Collections.Concurrent;

namespace Negotiation.Core.Engine;

/// <summary>
/// The two halves of an offer search's open terms, each listing its partial offers sorted by worth. They depend
/// only on what each option is worth, so they are kept by those numbers and shared by every search, run and
/// sweep worker with the same preferences and allowed options. Immutable once built.
/// </summary>
internal sealed class Halves
{
    private const int Kept = 1024;
    private const int SeenKept = 4096;
    private static readonly ConcurrentDictionary<JaggedKey<double>, Halves> Cache = new();
    private static readonly ConcurrentDictionary<JaggedKey<double>, byte> Seen = new();

    private Halves(OpenTerms space)
    {
        var split = space.Order.Length / 2;
        First = new Half(space, 0, split);
        Second = new Half(space, split, space.Order.Length - split);
    }

    public Half First { get; }

    public Half Second { get; }

    public static Halves For(OpenTerms space)
    {
        var key = new JaggedKey<double>(space.Values);
        if (Cache.TryGetValue(key, out var kept)) return kept;
        // Shared only once the same numbers come a second time from elsewhere (a model built anew for equal numbers,
        // as in a sweep's cells): numbers drawn anew for every run (uncertain preferences) would otherwise fill the
        // cache with halves nobody asks for again, long-lived garbage (issue 24: a sweep's peak reached 1.7 GB). A
        // search's own halves live as long as its prepared search does.
        if (Seen.TryAdd(key, 0))
        {
            if (Seen.Count >= SeenKept) Seen.Clear();
            return new Halves(space);
        }
        // Forgetting everything now and then keeps memory bounded; the searches' results never depend on it.
        if (Cache.Count >= Kept) Cache.Clear();
        return Cache.GetOrAdd(key, _ => new Halves(space));
    }
}

/// <summary>
/// One half's partial offers sorted by worth (ties in search order); a run of equal worth is a group, known by its first.
/// A partial offer is kept as its worth and its place in search order, from which its options are read back: a
/// half of 3,125 partial offers takes 38 KB, not 200 (issue 24: halves are built for every run when preferences vary
/// by seed).
/// </summary>
internal sealed class Half
{
    private readonly int _start;
    private readonly int _length;
    private readonly int[] _radix;

    public Half(OpenTerms space, int start, int length)
    {
        _start = start;
        _length = length;
        _radix = new int[length];
        var count = 1;
        for (var d = 0; d < length; d++) count *= _radix[d] = space.Options[start + d].Length;

        // Built a position at a time, as a merge: each option of the next position added to every partial offer so
        // far gives a list still in order, and the options' lists are merged, ties by place in search order (the first
        // position most significant, each position's options ascending). The sums are the ones listing every partial
        // offer would make, added in the same order; no sort (issue 24: sorting was a quarter of such a run's time).
        // The lists before the last are borrowed from the pool.
        var (worth, place, listed) = (ArrayPool<double>.Shared.Rent(1), ArrayPool<int>.Shared.Rent(1), 1);
        (worth[0], place[0]) = (0.0, 0);
        for (var d = 0; d < length; d++)
        {
            var size = listed * _radix[d];
            var last = d == length - 1;
            var merged = last ? new double[size] : ArrayPool<double>.Shared.Rent(size);
            var mergedPlace = last ? new int[size] : ArrayPool<int>.Shared.Rent(size);
            Merge(worth, place, listed, space.Values[start + d], merged, mergedPlace);
            ArrayPool<double>.Shared.Return(worth);
            ArrayPool<int>.Shared.Return(place);
            (worth, place, listed) = (merged, mergedPlace, size);
        }
        if (length == 0)
        {
            ArrayPool<double>.Shared.Return(worth);
            ArrayPool<int>.Shared.Return(place);
            (worth, place) = ([0.0], [0]);
        }
        Count = count;
        Value = worth;
        Lex = place;
    }

    private static void Merge(double[] worth, int[] place, int count, double[] values, double[] merged, int[] mergedPlace)
    {
        var options = values.Length;
        var size = count * options;
        Span<int> next = options <= 64 ? stackalloc int[options] : new int[options];
        next.Clear();
        for (var j = 0; j < size; j++)
        {
            var (pick, best, bestPlace) = (-1, 0.0, 0);
            for (var o = 0; o < options; o++)
            {
                var i = next[o];
                if (i == count) continue;
                var (w, p) = (worth[i] + values[o], place[i] * options + o);
                if (pick < 0 || w < best || (w == best && p < bestPlace)) (pick, best, bestPlace) = (o, w, p);
            }
            (merged[j], mergedPlace[j]) = (best, bestPlace);
            next[pick]++;
        }
        // Two worths that differed can round to one sum: put each run of equal worths back in search order.
        for (var from = 0; from < size;)
        {
            var to = from + 1;
            var ordered = true;
            while (to < size && merged[to] == merged[from])
            {
                ordered &= mergedPlace[to] > mergedPlace[to - 1];
                to++;
            }
            if (!ordered) Array.Sort(mergedPlace, from, to - from);
            from = to;
        }
    }

    public int Count { get; }

    /// <summary>Worth of each partial offer, ascending.</summary>
    public double[] Value { get; }

    /// <summary>Each partial offer's place in search order within the half.</summary>
    public int[] Lex { get; }

    /// <summary>The first partial offer of the group (run of equal worth) that <paramref name="j"/> is in: groups are known by their first.</summary>
    public int GroupStartOf(int j)
    {
        while (j > 0 && Value[j - 1] == Value[j]) j--;
        return j;
    }

    /// <summary>The first partial offer of the group after the one starting at <paramref name="start"/>, or <see cref="Count"/>.</summary>
    public int NextGroup(int start)
    {
        var j = start + 1;
        while (j < Count && Value[j] == Value[start]) j++;
        return j;
    }

    /// <summary>How many of the half's terms differ from the reference.</summary>
    public int Distance(int j, OpenTerms space, int[]? wanted)
    {
        if (wanted is null) return 0;
        var distance = 0;
        var place = Lex[j];
        for (var d = _length - 1; d >= 0; d--)
        {
            if (space.Options[_start + d][place % _radix[d]] != wanted[_start + d]) distance++;
            place /= _radix[d];
        }
        return distance;
    }

    /// <summary>The group's partial offer closest to the reference, then first in search order, packed as distance, place, index.</summary>
    public long BestOfGroup(int start, OpenTerms space, int[]? wanted)
    {
        var best = long.MaxValue;
        for (var (j, end) = (start, NextGroup(start)); j < end; j++)
            best = Math.Min(best, ((long)Distance(j, space, wanted) << 40) | ((long)Lex[j] << 20) | (uint)j);
        return best;
    }

    public void CopyPicks(int j, int[] picks)
    {
        var place = Lex[j];
        for (var d = _length - 1; d >= 0; d--)
        {
            picks[_start + d] = place % _radix[d];
            place /= _radix[d];
        }
    }
}
