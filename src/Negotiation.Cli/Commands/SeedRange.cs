using System.Collections;

namespace Negotiation.Cli.Commands;

/// <summary>
/// The seeds `FROM..TO` as a list that holds only its ends: a sweep of a million seeds keeps two numbers, not a
/// million (issue 24), and lists them one by one where it is asked to (the JSON summary).
/// </summary>
internal sealed class SeedRange(int from, int count) : IReadOnlyList<int>
{
    public int Count => count;

    public int this[int index] => (uint)index < (uint)count ? from + index : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<int> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return from + i;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
