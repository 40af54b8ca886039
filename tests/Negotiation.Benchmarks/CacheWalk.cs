namespace Negotiation.Benchmarks;

/// <summary>
/// A reference for the scaling figure: reads that each depend on the last, in a random cycle through a table of a given
/// size, one read a cache line, so that it does only what a table of that size costs on this machine. On this VM
/// (2026-11-30) a table of 160 KB read the same from minute to minute and gave 1.9x to 2x on two cores; one of 640 KB
/// (about two parties' shared halves before their second half grew to 1.25 MB), swung like the engine did, and in the
/// minutes it ran fast on one core it gave 1.5x to 1.7x on two (docs/benchmarks.md, issue 24).
/// </summary>
internal sealed class CacheWalk
{
    private const int IntsPerLine = 16;
    private readonly int[] _next;

    public CacheWalk(int bytes, int seed)
    {
        var lines = bytes / 64;
        var order = Enumerable.Range(0, lines).ToArray();
        new Random(seed).Shuffle(order);
        _next = new int[lines * IntsPerLine];
        for (var i = 0; i < lines; i++) _next[order[i] * IntsPerLine] = order[(i + 1) % lines] * IntsPerLine;
    }

    public int Bytes => _next.Length * sizeof(int);

    /// <summary>Walks <paramref name="steps"/> reads from a start of its own for each <paramref name="start"/>; the end, so the reads are not dropped.</summary>
    public int Walk(int start, int steps)
    {
        var at = start % (_next.Length / IntsPerLine) * IntsPerLine;
        for (var k = 0; k < steps; k++) at = _next[at];
        return at;
    }
}
