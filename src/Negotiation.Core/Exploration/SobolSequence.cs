namespace Negotiation.Core.Exploration;

/// <summary>
/// The Sobol' low-discrepancy sequence in up to 64 dimensions (Joe and Kuo's direction numbers, Gray-code order,
/// 32 bits): point 0 is the origin, point 1 the centre, and the first 2^k points of any dimension fill its 2^k
/// equal intervals once each.
/// </summary>
public sealed class SobolSequence
{
    public const int MaxDimensions = 64;
    private const int Bits = 32;

    private readonly uint[][] _directions;
    private readonly uint[] _x;
    private long _index;

    public SobolSequence(int dimensions)
    {
        if (dimensions is < 1 or > MaxDimensions) throw new ArgumentOutOfRangeException(nameof(dimensions), $"from 1 to {MaxDimensions}");
        _directions = Enumerable.Range(0, dimensions).Select(Directions).ToArray();
        _x = new uint[dimensions];
    }

    public int Dimensions => _x.Length;

    /// <summary>The next point, each coordinate in [0, 1).</summary>
    public double[] Next()
    {
        if (_index > 0)
        {
            // Gray code: the point differs from the one before in the direction of the lowest zero bit of index - 1.
            var c = System.Numerics.BitOperations.TrailingZeroCount(~(ulong)(_index - 1));
            for (var d = 0; d < _x.Length; d++) _x[d] ^= _directions[d][c];
        }
        _index++;
        return _x.Select(x => x / 4294967296.0).ToArray();
    }

    /// <summary>The first <paramref name="count"/> points after skipping <paramref name="skip"/>.</summary>
    public static IReadOnlyList<double[]> Points(int dimensions, int count, int skip = 0)
    {
        var sequence = new SobolSequence(dimensions);
        for (var i = 0; i < skip; i++) sequence.Next();
        return Enumerable.Range(0, count).Select(_ => sequence.Next()).ToList();
    }

    private static uint[] Directions(int dimension)
    {
        var v = new uint[Bits];
        if (dimension == 0)
        {
            for (var j = 0; j < Bits; j++) v[j] = 1u << (Bits - 1 - j);
            return v;
        }
        var row = JoeKuoDirections.Rows[dimension - 1];
        var a = row[0];
        var s = row.Length - 1;
        for (var j = 0; j < Math.Min(s, Bits); j++) v[j] = (uint)row[j + 1] << (Bits - 1 - j);
        for (var j = s; j < Bits; j++)
        {
            v[j] = v[j - s] ^ (v[j - s] >> s);
            for (var k = 1; k < s; k++)
                if (((a >> (s - 1 - k)) & 1) == 1) v[j] ^= v[j - k];
        }
        return v;
    }
}
