namespace Negotiation.Core.Engine;

/// <summary>
/// The halves one space is searched with, built on the first search that needs them: balanced first (unless another
/// model asked for the same numbers before, see <see cref="Halves.ForFirstSearch"/>), then, once searched
/// <see cref="BeforeShared"/> times, the shared ones, which cost more to build (or nothing, when another model with the
/// same numbers built them) and less to search (issue 24). Every split gives the same offer, so two searches on
/// two workers may each use whichever halves they find.
/// </summary>
internal sealed class SearchedHalves(OpenTerms space)
{
    /// <summary>
    /// A run whose preferences are drawn for it searches a party's halves a dozen times, and keeps the cheap ones; a
    /// sweep without ranges searches them thousands of times. A grid cell of ten seeds searches them about 90 times:
    /// too few to pay for shared halves of 1.25 MB (it was 64 while they were 250 KB, issue 24).
    /// </summary>
    public const int BeforeShared = 256;

    private Halves? _halves;
    private int _searches;

    /// <summary>The halves for one more search.</summary>
    public Halves ForSearch()
    {
        var halves = _halves ?? Keep(Halves.ForFirstSearch(space), null);
        if (halves.Final || Interlocked.Increment(ref _searches) != BeforeShared) return halves;
        return Keep(Halves.Shared(space), halves);
    }

    /// <summary>The halves built so far, if any, without counting a search (for tests).</summary>
    public Halves? Built => _halves;

    private Halves Keep(Halves built, Halves? was) => Interlocked.CompareExchange(ref _halves, built, was) == was ? built : _halves!;
}
