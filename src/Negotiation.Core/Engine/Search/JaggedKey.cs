namespace Negotiation.Core.Engine;

/// <summary>A jagged array compared by its contents, for keeping what a search prepares by the numbers it depends on.</summary>
internal readonly struct JaggedKey<T> : IEquatable<JaggedKey<T>> where T : IEquatable<T>
{
    private readonly int _hash;

    public JaggedKey(T[][] values)
    {
        Values = values;
        var hash = new HashCode();
        foreach (var row in values)
        {
            hash.Add(row.Length);
            foreach (var v in row) hash.Add(v);
        }
        _hash = hash.ToHashCode();
    }

    public T[][] Values { get; }

    // A struct: looking a search up allocates nothing (issue 24).
    public bool Equals(JaggedKey<T> other)
    {
        if (other._hash != _hash || other.Values.Length != Values.Length) return false;
        for (var i = 0; i < Values.Length; i++)
            if (!Values[i].AsSpan().SequenceEqual(other.Values[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is JaggedKey<T> other && Equals(other);

    public override int GetHashCode() => _hash;
}
