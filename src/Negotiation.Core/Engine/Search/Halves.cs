using System.Buffers;
using System.Collections.Concurrent;

namespace Negotiation.Core.Engine;

/// <summary>
/// The two halves of an offer search's open terms, each listing its partial offers sorted by worth; the second of
/// uneven halves indexed so that a search finds a partial offer's partner without walking to it. Immutable once built.
/// A space can be split anywhere, into any two sets of positions: worths are exact (<see cref="OpenTerms"/>), so every
/// split gives every search the same offer. Three splits are made (issue 24). <see cref="Balanced"/> halves of equal
/// size are the cheapest to build, for a search prepared for one run when nothing is known of its numbers.
/// <see cref="Shared"/> halves give the second half as many terms as <see cref="SharedSecond"/> partial offers allow:
/// the first half, walked by each search, is then a hundred or so partial offers instead of thousands, and a search
/// takes under a third of the time. They depend only on what each option is worth, so they are kept by those numbers
/// and shared by every search, run and sweep worker with the same preferences and allowed options. Halves around drawn
/// terms (<see cref="AroundDrawn"/>) keep and share such a second half of the terms a run did not draw, and build the
/// first, with the drawn terms, anew.
/// </summary>
internal sealed class Halves
{
    /// <summary>
    /// The most partial offers the second of <see cref="Shared"/> halves may list, unless an even split already takes
    /// more: at 10 terms of 5 options, 7 terms (78,125 partial offers, 1.25 MB with the index) against 3 (125). It was
    /// 2^14 (6 terms against 4): a search visited about 420 partial offers of the first half instead of about 90, and
    /// a bench-file negotiation took about 15 % longer (issue 24, docs/benchmarks.md).
    /// </summary>
    public const int SharedSecond = MeetInTheMiddle.MaxHalf;

    /// <summary>
    /// The most partial offers the second half may list once the halves kept take <see cref="LargeBytes"/>: a sweep that
    /// keeps the halves of many preferences at once (a grid over two parties' weights) would otherwise pass
    /// <see cref="KeptBytes"/>, forget them all and build them again, 1.25 MB at a time (issue 24: 4 GB in one sweep).
    /// </summary>
    public const int SmallSecond = 1 << 14;

    // Shared halves are kept up to this many bytes in all: forgetting them all when a new one would pass it keeps memory
    // bounded; the searches' results never depend on it. Up to LargeBytes of them have the large second half (about 50
    // at 10 x 5: a 20-term space's blocks take 4 a party), the rest the small one (about 250 KB each, 256 more).
    private const long KeptBytes = 128L << 20;
    private const long LargeBytes = 64L << 20;
    private static readonly ConcurrentDictionary<JaggedKey<double>, Halves> Cache = new();
    private static long _keptBytes;

    // The numbers first searches have asked for, so that the second model with the same numbers takes shared halves at
    // once (forgotten in bulk, like the kept halves).
    private static readonly SeenNumbers Seen = new(4096);

    // The second halves of halves around drawn terms, kept by their numbers (counted with the kept halves), and the
    // numbers of each term first searches have seen (forgotten in bulk too).
    private static readonly ConcurrentDictionary<JaggedKey<double>, Half> Seconds = new();
    private static readonly SeenNumbers TermsSeen = new(4096);

    /// <summary>Halves split after <paramref name="split"/> positions (any split finds the same offers; the tests try them all).</summary>
    internal Halves(OpenTerms space, int split)
    {
        First = new Half(space, [.. Enumerable.Range(0, split)]);
        Second = new Half(space, [.. Enumerable.Range(split, space.Order.Length - split)], indexed: split < space.Order.Length / 2);
    }

    /// <summary>
    /// Halves of any two sets of positions that together make the space, each in search order (the tests try them; the
    /// engine takes them for a space some of whose terms' numbers were drawn for its run, see <see cref="AroundDrawn"/>).
    /// </summary>
    internal Halves(OpenTerms space, Half first, Half second)
    {
        First = first;
        Second = second;
        if (first.Positions.Length == 0 || second.Positions.Length == 0 || first.Positions[^1] < second.Positions[0]) return;
        // The first half is not all before the second in search order: an offer's place is worked out from its options.
        _placeWeights = new long[space.Order.Length];
        long weight = 1;
        for (var p = space.Order.Length - 1; p >= 0; p--) (_placeWeights[p], weight) = (weight, weight * space.Options[p].Length);
    }

    public Half First { get; }

    public Half Second { get; }

    // Each position's weight in an offer's place in search order, when the halves interleave; null when the first half
    // is all before the second, so that the place is the first's times the second's count plus the second's.
    private readonly long[]? _placeWeights;

    /// <summary>The place in search order of the offer made of the first half's <paramref name="i"/> and the second's <paramref name="j"/> (whose place in its half is <paramref name="secondLex"/>).</summary>
    public long Place(int i, int j, int secondLex) =>
        _placeWeights is null ? (long)First.Lex[i] * Second.Count + secondLex : First.Place(i, _placeWeights) + Second.Place(j, _placeWeights);

    /// <summary>Whether these are the halves <see cref="Shared"/> makes (an even split may be both).</summary>
    public bool Final { get; private init; }

    /// <summary>Halves of equal size (the first the smaller by a term when the terms are odd), built anew.</summary>
    public static Halves Balanced(OpenTerms space)
    {
        var split = space.Order.Length / 2;
        return new Halves(space, split) { Final = split == SharedSplit(space, SharedSecond) };
    }

    /// <summary>
    /// The halves a space's first search takes: the shared ones when they are kept, or when another model asked for the
    /// same numbers before (each run of a sweep whose ranges leave the preferences alone has a model of its own); else
    /// balanced ones, built anew and not kept (numbers drawn for one run are never asked for again).
    /// </summary>
    public static Halves ForFirstSearch(OpenTerms space)
    {
        var key = new JaggedKey<double>(space.Values);
        if (Cache.TryGetValue(key, out var kept)) return kept;
        if (Seen.Saw(key)) return Shared(space, key);
        return AroundDrawn(space) ?? Balanced(space);
    }

    /// <summary>
    /// Halves for a space some of whose terms have numbers no space before had (drawn for this run: a weight or a value
    /// with a range), the others' numbers having been seen: the second half takes only terms seen before, kept by their
    /// numbers and shared, as <see cref="Shared"/> halves are; the first takes the drawn terms and the rest, built anew.
    /// A run that draws one weight a party then builds 125 partial offers instead of two halves of 3,125 (issue 24).
    /// Null when no term was seen before, or when the first half would list more than balanced halves' first.
    /// </summary>
    private static Halves? AroundDrawn(OpenTerms space)
    {
        var n = space.Order.Length;
        Span<bool> seen = n <= 64 ? stackalloc bool[n] : new bool[n];
        var known = 0;
        for (var p = 0; p < n; p++)
            if (seen[p] = TermsSeen.Saw(new JaggedKey<double>([space.Values[p]]))) known++;
        if (known == 0) return null;

        // From the last position up, the terms seen, while the second half lists at most `most` partial offers; the
        // first half keeps at least one position.
        var most = SecondMost();
        Span<bool> second = n <= 64 ? stackalloc bool[n] : new bool[n];
        var (count, taken) = (1L, 0);
        for (var p = n - 1; p >= 0 && taken < n - 1; p--)
        {
            if (!seen[p]) continue;
            if (count * space.Options[p].Length > most) break;
            (second[p], count, taken) = (true, count * space.Options[p].Length, taken + 1);
        }
        if (taken == 0) return null;
        var (firstPositions, secondPositions) = (new int[n - taken], new int[taken]);
        var (f, s) = (0, 0);
        for (var p = 0; p < n; p++)
            if (second[p]) secondPositions[s++] = p;
            else firstPositions[f++] = p;
        long firstCount = 1;
        foreach (var p in firstPositions) firstCount *= space.Options[p].Length;
        if (firstCount > MeetInTheMiddle.PartialOffers(space, 0, n / 2)) return null;

        var values = new double[taken][];
        for (var i = 0; i < taken; i++) values[i] = space.Values[secondPositions[i]];
        var key = new JaggedKey<double>(values);
        if (!Seconds.TryGetValue(key, out var kept))
        {
            var built = new Half(space, secondPositions, indexed: true);
            Keep(built.Bytes);
            kept = Seconds.GetOrAdd(key, built);
        }
        return new Halves(space, new Half(space, firstPositions), kept.At(secondPositions)) { Final = true };
    }

    /// <summary>The halves for searches without number, kept by the numbers and shared.</summary>
    public static Halves Shared(OpenTerms space) => Shared(space, new JaggedKey<double>(space.Values));

    private static Halves Shared(OpenTerms space, JaggedKey<double> key)
    {
        if (Cache.TryGetValue(key, out var kept)) return kept;
        var built = new Halves(space, SharedSplit(space, SecondMost())) { Final = true };
        Keep(built.Bytes);
        return Cache.GetOrAdd(key, built);
    }

    // The most partial offers a new kept second half may list: the large size until LargeBytes are kept.
    private static int SecondMost() => Interlocked.Read(ref _keptBytes) < LargeBytes ? SharedSecond : SmallSecond;

    // Counts what is kept, and forgets all that was kept when this would pass KeptBytes.
    private static void Keep(long bytes)
    {
        if (Interlocked.Add(ref _keptBytes, bytes) <= KeptBytes) return;
        Cache.Clear();
        Seconds.Clear();
        Interlocked.Exchange(ref _keptBytes, bytes);
    }

    /// <summary>
    /// Forgets every shared halves kept and every number seen, as a new process starts (for the figures, which play
    /// many domains in one process and time each as a sweep of its own would).
    /// </summary>
    internal static void Forget()
    {
        Cache.Clear();
        Seconds.Clear();
        Seen.Forget();
        TermsSeen.Forget();
        Interlocked.Exchange(ref _keptBytes, 0);
    }

    /// <summary>What the two halves hold, in bytes (about).</summary>
    public long Bytes => First.Bytes + Second.Bytes;

    // The second half takes terms from the first while it lists at most `most` partial offers (and the first keeps at
    // least one term), starting from an even split.
    private static int SharedSplit(OpenTerms space, int most)
    {
        var split = space.Order.Length / 2;
        var second = MeetInTheMiddle.PartialOffers(space, split, space.Order.Length - split);
        while (split > 1 && second * space.Options[split - 1].Length <= most) second *= space.Options[--split].Length;
        return split;
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
    private readonly int _length;
    private readonly int[] _radix;

    /// <summary>The partial offers of the given positions (ascending), sorted.</summary>
    public Half(OpenTerms space, int[] positions, bool indexed = false)
    {
        Positions = positions;
        var length = _length = positions.Length;
        _radix = new int[length];
        var count = 1;
        for (var d = 0; d < length; d++) count *= _radix[d] = space.Options[positions[d]].Length;

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
            Merge(worth, place, listed, space.Values[positions[d]], merged, mergedPlace);
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
        (_low, _scale, _first) = indexed ? Index(worth, count) : (0.0, 0.0, []);
    }

    private Half(Half data, int[] positions)
    {
        (Positions, _length, _radix, Count, Value, Lex) = (positions, data._length, data._radix, data.Count, data.Value, data.Lex);
        (_low, _scale, _first) = (data._low, data._scale, data._first);
    }

    /// <summary>
    /// The same partial offers for other positions with the same numbers: what a half lists depends only on its
    /// positions' numbers, in order (a kept second half, whose terms sit elsewhere in another run's search order).
    /// </summary>
    public Half At(int[] positions) => positions.AsSpan().SequenceEqual(Positions) ? this : new Half(this, positions);

    /// <summary>The positions the half decides, ascending.</summary>
    public int[] Positions { get; }

    // Where to start looking for a worth: bucket k of the half's range starts at the first partial offer at or above
    // its lower end, so a search finds a partner with a step or two instead of walking to it (issue 24: walked, the
    // partners of a hundred or so partial offers would cross most of a second half of 78,125).
    private readonly double _low;
    private readonly double _scale;
    private readonly int[] _first;

    /// <summary>What the half holds, in bytes (about): each partial offer's worth and place, and the index.</summary>
    public long Bytes => (long)Count * (sizeof(double) + sizeof(int)) + (long)_first.Length * sizeof(int);

    private static (double Low, double Scale, int[] First) Index(double[] worth, int count)
    {
        var (low, high) = (worth[0], worth[count - 1]);
        var buckets = high > low ? count : 1;
        var scale = high > low ? buckets / (high - low) : 0.0;
        var first = new int[buckets];
        var j = 0;
        for (var k = 0; k < buckets; k++)
        {
            var bound = k == 0 ? low : low + k / scale;
            while (j < count && worth[j] < bound) j++;
            first[k] = j;
        }
        return (low, scale, first);
    }

    /// <summary>Whether <see cref="FirstReaching"/> may be asked (only the second of uneven halves is indexed).</summary>
    public bool Indexed => _first.Length > 0;

    /// <summary>The first partial offer that lifts <paramref name="worth"/> to <paramref name="floor"/> or above (sums as the walk makes them), or <see cref="Count"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int FirstReaching(double worth, double floor)
    {
        var k = (floor - worth - _low) * _scale;
        var j = k > 0 ? k < _first.Length ? _first[(int)k] : Count : 0;
        var value = Value;
        while (j > 0 && worth + value[j - 1] >= floor) j--;
        while (j < value.Length && worth + value[j] < floor) j++;
        return j;
    }

    // Each option's list is the partial offers so far with the option's worth added; its head (next partial offer) is
    // kept as its sum and place, so each step compares the heads and moves one. Worths are exact (OpenTerms), so each
    // list stays in order of worth then place, and ties across lists go by place: no fix-up after.
    private static void Merge(double[] worth, int[] place, int count, double[] values, double[] merged, int[] mergedPlace)
    {
        var options = values.Length;
        var size = count * options;
        Span<int> next = options <= 64 ? stackalloc int[options] : new int[options];
        Span<double> headWorth = options <= 64 ? stackalloc double[options] : new double[options];
        Span<int> headPlace = options <= 64 ? stackalloc int[options] : new int[options];
        for (var o = 0; o < options; o++) (next[o], headWorth[o], headPlace[o]) = (0, worth[0] + values[o], place[0] * options + o);
        for (var j = 0; j < size; j++)
        {
            var pick = 0;
            for (var o = 1; o < options; o++)
                if (headWorth[o] < headWorth[pick] || (headWorth[o] == headWorth[pick] && headPlace[o] < headPlace[pick])) pick = o;
            (merged[j], mergedPlace[j]) = (headWorth[pick], headPlace[pick]);
            var i = ++next[pick];
            (headWorth[pick], headPlace[pick]) = i < count ? (worth[i] + values[pick], place[i] * options + pick) : (double.PositiveInfinity, int.MaxValue);
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
            if (space.Options[Positions[d]][place % _radix[d]] != wanted[Positions[d]]) distance++;
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
            picks[Positions[d]] = place % _radix[d];
            place /= _radix[d];
        }
    }

    /// <summary>The partial offer's part of a whole offer's place in search order, given each position's weight in it.</summary>
    public long Place(int j, long[] weights)
    {
        var (place, sum) = (Lex[j], 0L);
        for (var d = _length - 1; d >= 0; d--)
        {
            sum += place % _radix[d] * weights[Positions[d]];
            place /= _radix[d];
        }
        return sum;
    }
}
