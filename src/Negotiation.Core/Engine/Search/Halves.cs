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
/// One half's partial offers sorted by worth (ties in search order), with runs of equal worth numbered as groups.
/// </summary>
internal sealed class Half
{
    private readonly int _start;
    private readonly int _length;
    private readonly int[] _picks;
    private readonly int[] _groupStart;

    public Half(OpenTerms space, int start, int length)
    {
        _start = start;
        _length = length;
        var count = 1;
        for (var p = start; p < start + length; p++) count *= space.Options[p].Length;
        Count = count;

        // Listed in search order: the first position most significant, each position's options ascending.
        var worth = new double[count];
        var digits = new int[length];
        var listed = new int[count * length];
        for (var lex = 0; lex < count; lex++)
        {
            var sum = 0.0;
            for (var d = 0; d < length; d++)
            {
                sum += space.Values[start + d][digits[d]];
                listed[lex * length + d] = digits[d];
            }
            worth[lex] = sum;
            for (var d = length - 1; d >= 0; d--)
            {
                if (++digits[d] < space.Options[start + d].Length) break;
                digits[d] = 0;
            }
        }

        // By worth, then in search order among equals: the primitive key sort (no comparer delegate), then each run of
        // equal worths put back in search order (issue 24: halves built for every run when preferences vary by seed).
        var keys = (double[])worth.Clone();
        var sorted = new int[count];
        for (var i = 0; i < count; i++) sorted[i] = i;
        Array.Sort(keys, sorted);
        for (var from = 0; from < count;)
        {
            var to = from + 1;
            while (to < count && keys[to] == keys[from]) to++;
            if (to - from > 1) Array.Sort(sorted, from, to - from);
            from = to;
        }
        Value = new double[count];
        Lex = new int[count];
        _picks = new int[count * length];
        GroupOf = new int[count];
        var starts = new List<int>();
        for (var j = 0; j < count; j++)
        {
            var lex = sorted[j];
            Value[j] = worth[lex];
            Lex[j] = lex;
            Array.Copy(listed, lex * length, _picks, j * length, length);
            if (j == 0 || Value[j] != Value[j - 1]) starts.Add(j);
            GroupOf[j] = starts.Count - 1;
        }
        starts.Add(count);
        _groupStart = [.. starts];
    }

    public int Count { get; }

    /// <summary>Worth of each partial offer, ascending.</summary>
    public double[] Value { get; }

    /// <summary>Each partial offer's place in search order within the half.</summary>
    public int[] Lex { get; }

    /// <summary>The group (run of equal worth) of each partial offer.</summary>
    public int[] GroupOf { get; }

    public int Groups => _groupStart.Length - 1;

    /// <summary>The first partial offer of group <paramref name="g"/>.</summary>
    public int GroupStart(int g) => _groupStart[g];

    /// <summary>How many of the half's terms differ from the reference.</summary>
    public int Distance(int j, OpenTerms space, int[]? wanted)
    {
        if (wanted is null) return 0;
        var distance = 0;
        for (var d = 0; d < _length; d++)
            if (space.Options[_start + d][_picks[j * _length + d]] != wanted[_start + d]) distance++;
        return distance;
    }

    /// <summary>The group's partial offer closest to the reference, then first in search order, packed as distance, place, index.</summary>
    public long BestOfGroup(int g, OpenTerms space, int[]? wanted)
    {
        var best = long.MaxValue;
        for (var j = _groupStart[g]; j < _groupStart[g + 1]; j++)
            best = Math.Min(best, ((long)Distance(j, space, wanted) << 40) | ((long)Lex[j] << 20) | (uint)j);
        return best;
    }

    public void CopyPicks(int j, int[] picks) => Array.Copy(_picks, j * _length, picks, _start, _length);
}
