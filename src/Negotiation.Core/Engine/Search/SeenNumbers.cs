using System.Collections.Concurrent;

namespace Negotiation.Core.Engine;

/// <summary>
/// Numbers searches have asked for, remembered up to a count and then forgotten all at once. Counted apart:
/// a concurrent dictionary's own count takes every one of its locks (issue 24: 4 % of a run that draws its weights).
/// </summary>
internal sealed class SeenNumbers(int most)
{
    private readonly ConcurrentDictionary<JaggedKey<double>, byte> _seen = new();
    private int _count;

    /// <summary>Whether these numbers were asked for before; if not, they are remembered.</summary>
    public bool Saw(JaggedKey<double> numbers)
    {
        if (!_seen.TryAdd(numbers, 0)) return true;
        if (Interlocked.Increment(ref _count) >= most) Forget();
        return false;
    }

    public void Forget()
    {
        _seen.Clear();
        Interlocked.Exchange(ref _count, 0);
    }
}
