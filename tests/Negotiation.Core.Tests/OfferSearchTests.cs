using CsCheck;
using Negotiation.Core.Engine;

namespace Negotiation.Core.Tests;

public class OfferSearchTests
{
    private static readonly double[][] Weighted =
    [
        [0.0, 0.2, 0.4],
        [0.0, 0.3, 0.6],
    ];

    private static readonly int[][] All = [[0, 1, 2], [0, 1, 2]];

    [Fact]
    public void Picks_the_offer_closest_to_and_not_below_the_target()
    {
        var choice = OfferSearch.Find(Weighted, All, 0.45, null)!;
        Assert.Equal(0.5, Weighted[0][choice[0]] + Weighted[1][choice[1]], 9);
    }

    [Fact]
    public void Gives_the_best_offer_when_nothing_reaches_the_target()
    {
        Assert.Equal([1, 1], OfferSearch.Find(Weighted, [[0, 1], [0, 1]], 0.9, null)!);
    }

    [Fact]
    public void Among_equal_offers_prefers_the_one_closest_to_the_other_sides_last_offer()
    {
        double[][] flat = [[0.5, 0.5], [0.0, 0.5]];
        Assert.Equal([1, 1], OfferSearch.Find(flat, [[0, 1], [0, 1]], 0.9, [1, 0])!);
        Assert.Equal([0, 1], OfferSearch.Find(flat, [[0, 1], [0, 1]], 0.9, [0, 0])!);
    }

    [Fact]
    public void Finds_nothing_when_a_term_has_no_allowed_option()
    {
        Assert.Null(OfferSearch.Find(Weighted, [[0, 1], []], 0.1, null)!);
    }

    [Fact]
    public void Agrees_with_exhaustive_search_on_random_spaces()
    {
        var space = Gen.Int[1, 6].SelectMany(terms => Gen.Int[1, 5].SelectMany(options =>
            Gen.Double[0, 1].Array[options].Array[terms].SelectMany(values =>
                Gen.Bool.Array[options].Array[terms].SelectMany(allowedMask =>
                    Gen.Int[0, options - 1].Array[terms].SelectMany(reference =>
                        Gen.Double[0, 1.1].Select(target => (values, allowedMask, reference, target)))))));

        space.Sample(c =>
        {
            var weighted = c.values.Select(v => v.Select(x => Math.Round(x, 1) / c.values.Length).ToArray()).ToArray();
            var allowed = c.allowedMask.Select(m => Enumerable.Range(0, m.Length).Where(o => m[o]).ToArray()).ToArray();
            var found = OfferSearch.Find(weighted, allowed, c.target, c.reference);
            if (allowed.Any(a => a.Length == 0)) return found is null;

            var all = Cartesian(allowed).Select(o => (offer: o, u: o.Select((x, k) => weighted[k][x]).Sum(),
                d: o.Where((x, k) => x != c.reference[k]).Count())).ToList();
            var target = Math.Min(c.target, all.Max(x => x.u));
            var bestU = all.Where(x => x.u >= target - 1e-9).Min(x => x.u);
            var bestD = all.Where(x => Math.Abs(x.u - bestU) <= 1e-9).Min(x => x.d);
            var u = found!.Select((x, k) => weighted[k][x]).Sum();
            var d = found!.Where((x, k) => x != c.reference[k]).Count();
            return found!.Select((x, k) => allowed[k].Contains(x)).All(ok => ok) && Math.Abs(u - bestU) <= 1e-9 && d == bestD;
        }, iter: 2000);
    }

    private static IEnumerable<int[]> Cartesian(int[][] allowed) =>
        allowed.Aggregate((IEnumerable<int[]>)[[]], (acc, options) => acc.SelectMany(prefix => options.Select(o => (int[])[.. prefix, o])));
}
