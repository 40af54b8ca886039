using System.Collections;

namespace Negotiation.Core.Engine;

/// <summary>
/// The offers one side has made in a negotiation, oldest first: a list that only ever grows at its end, shared by
/// every state after it. Adding an offer makes one small node (issue 24: the immutable list it replaced copied a path
/// of its tree on every offer); the last offers, which the strategies read, are reached in a step or two.
/// </summary>
public sealed class OfferHistory : IReadOnlyList<IReadOnlyDictionary<string, string>>
{
    private readonly OfferHistory? _before;
    private readonly IReadOnlyDictionary<string, string>? _last;

    private OfferHistory(OfferHistory? before, IReadOnlyDictionary<string, string>? last, int count) =>
        (_before, _last, Count) = (before, last, count);

    public static OfferHistory Empty { get; } = new(null, null, 0);

    public int Count { get; }

    public bool IsEmpty => Count == 0;

    public OfferHistory Add(IReadOnlyDictionary<string, string> offer) => new(this, offer, Count + 1);

    public IReadOnlyDictionary<string, string> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"{index} is not one of {Count} offers");
            var node = this;
            for (var steps = Count - 1 - index; steps > 0; steps--) node = node._before!;
            return node._last!;
        }
    }

    public IEnumerator<IReadOnlyDictionary<string, string>> GetEnumerator()
    {
        var newestFirst = new IReadOnlyDictionary<string, string>[Count];
        var node = this;
        for (var i = Count - 1; i >= 0; i--, node = node._before!) newestFirst[i] = node._last!;
        return ((IEnumerable<IReadOnlyDictionary<string, string>>)newestFirst).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
