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
    private static readonly ConditionalWeakTable<double[][], ConcurrentDictionary<AllowedKey, Prepared>> Kept = new();

    private Prepared(double[][] weighted, int[][] allowed)
    {
        var open = new List<int>(allowed.Length);
        var flat = new List<int>(allowed.Length);
        for (var k = 0; k < allowed.Length; k++)
        {
            var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
            foreach (var o in allowed[k]) (min, max) = (Math.Min(min, weighted[k][o]), Math.Max(max, weighted[k][o]));
            (max - min > OfferSearch.Epsilon ? open : flat).Add(k);
        }
        Flat = [.. flat];
        Space = OpenTerms.Of(weighted, allowed, open);
        Halves = MeetInTheMiddle.Fits(Space) ? Halves.For(Space) : null;
        Max = OfferSearch.MaxUtility(weighted, allowed);
    }

    /// <summary>Terms whose allowed options are all worth the same.</summary>
    public int[] Flat { get; }

    public OpenTerms Space { get; }

    /// <summary>Null when the space is too large to split.</summary>
    public Halves? Halves { get; }

    /// <summary>The most an offer within the allowed options is worth.</summary>
    public double Max { get; }

    public static Prepared For(double[][] weighted, int[][] allowed) =>
        Kept.GetValue(weighted, _ => new()).GetOrAdd(new AllowedKey(allowed), key => new Prepared(weighted, key.Allowed));

    private sealed class AllowedKey : IEquatable<AllowedKey>
    {
        private readonly int _hash;

        public AllowedKey(int[][] allowed)
        {
            Allowed = allowed;
            var hash = new HashCode();
            foreach (var options in allowed)
            {
                hash.Add(options.Length);
                foreach (var o in options) hash.Add(o);
            }
            _hash = hash.ToHashCode();
        }

        public int[][] Allowed { get; }

        public bool Equals(AllowedKey? other)
        {
            if (other is null || other._hash != _hash || other.Allowed.Length != Allowed.Length) return false;
            for (var k = 0; k < Allowed.Length; k++)
                if (!Allowed[k].AsSpan().SequenceEqual(other.Allowed[k])) return false;
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as AllowedKey);

        public override int GetHashCode() => _hash;
    }
}
