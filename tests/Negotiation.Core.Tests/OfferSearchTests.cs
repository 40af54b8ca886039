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

    [Fact]
    public void Agrees_with_exhaustive_search_on_spaces_of_up_to_twenty_terms()
    {
        // Issue 24: 7 to 20 terms of up to 8 options, as many allowed per term as keeps the space to 16,384 offers
        // (the rest allowed one option), so every offer can be listed: the least worth reaching the target, and among
        // those within the tolerance the fewest terms away from the reference.
        var space = Gen.Int[7, 20].SelectMany(terms => Gen.Int[2, 8].SelectMany(options =>
            Gen.Int[0, 100].Array[options].Array[terms].SelectMany(values =>
                Gen.Int[1, options].Array[terms].SelectMany(counts =>
                    Gen.Int[0, options - 1].Array[terms].SelectMany(reference =>
                        Gen.Double[0, 1.1].Select(target => (values, counts, reference, target)))))));

        space.Sample(c =>
        {
            var terms = c.values.Length;
            var weighted = c.values.Select(v => v.Select(x => x / 100.0 / terms).ToArray()).ToArray();
            var product = 1;
            var allowed = c.counts.Select(count =>
            {
                var kept = product * count <= 16_384 ? count : 1;
                product *= kept;
                return Enumerable.Range(0, kept).ToArray();
            }).ToArray();
            var found = OfferSearch.Find(weighted, allowed, c.target, c.reference)!;

            var (bestU, bestD) = (double.PositiveInfinity, int.MaxValue);
            var all = new List<(double U, int D)>();
            var digits = new int[terms];
            for (var left = product; left > 0; left--)
            {
                var (u, d) = (0.0, 0);
                for (var k = 0; k < terms; k++)
                {
                    u += weighted[k][allowed[k][digits[k]]];
                    if (allowed[k][digits[k]] != c.reference[k]) d++;
                }
                all.Add((u, d));
                for (var k = terms - 1; k >= 0 && ++digits[k] == allowed[k].Length; k--) digits[k] = 0;
            }
            var target = Math.Min(c.target, all.Max(x => x.U));
            bestU = all.Where(x => x.U >= target - 1e-9).Min(x => x.U);
            bestD = all.Where(x => Math.Abs(x.U - bestU) <= 1e-9).Min(x => x.D);
            var foundU = found.Select((x, k) => weighted[k][x]).Sum();
            var foundD = found.Where((x, k) => x != c.reference[k]).Count();
            return found.Select((x, k) => allowed[k].Contains(x)).All(ok => ok) && Math.Abs(foundU - bestU) <= 1e-9 && foundD == bestD;
        }, iter: 300);
    }

    [Fact]
    public void The_halves_choose_exactly_the_offer_the_branch_and_bound_chooses()
    {
        // Values to three decimals under uneven weights, as scenario files give them: ties are exact or absent.
        Spaces(1000, Gen.Double[0, 1.1]).Sample(c =>
        {
            var halves = OfferSearch.Find(c.Weighted, c.Allowed, c.Extra, c.Reference, useHalves: true)!;
            var branching = OfferSearch.Find(c.Weighted, c.Allowed, c.Extra, c.Reference, useHalves: false)!;
            return halves.SequenceEqual(branching);
        }, iter: 3000);
    }

    [Fact]
    public void A_target_at_or_above_the_best_reachable_offer_gives_what_either_search_gives_without_the_shortcut()
    {
        // Issue 24: a party holding out at its best is given its best offer without a search, when one offer alone is worth the most.
        var shortcuts = 0;

        // Values on a coarse grid, so that ties of the best option (when no shortcut is allowed) are common; the
        // target this far above the best reachable offer, or within a few tolerances of it (the shortcut takes a target
        // down to one tolerance below the best).
        Spaces(20, Gen.OneOf(Gen.Double[-0.05, 0.2], Gen.Double[-3 * OfferSearch.Epsilon, OfferSearch.Epsilon])).Sample(c =>
        {
            var (weighted, allowed, reference) = (c.Weighted, c.Allowed, c.Reference);
            var target = OfferSearch.MaxUtility(weighted, allowed) + c.Extra;
            if (c.Extra >= -OfferSearch.Epsilon && Prepared.For(weighted, allowed).BestIsUnique) Interlocked.Increment(ref shortcuts);
            foreach (var useHalves in new[] { true, false })
                if (!OfferSearch.Find(weighted, allowed, target, reference, useHalves)!.SequenceEqual(OfferSearch.Find(weighted, allowed, target, reference, useHalves, shortcut: false)!))
                    return false;
            return true;
        }, iter: 3000);
        Assert.True(shortcuts > 300, $"the shortcut was taken {shortcuts} times");
    }

    [Fact]
    public void A_half_built_by_merging_lists_every_partial_offer_in_the_order_a_sort_of_all_of_them_gives()
    {
        // Issue 24: a half is merged a position at a time instead of listing and sorting every partial offer. The
        // reference here lists them, adds each one's values in position order and sorts by worth, then place in
        // search order: the order, the worths (to the bit) and the groups of equal worth must be the same.
        Spaces(20, Gen.Const(0.0)).Sample(c =>
        {
            var space = OpenTerms.Of(c.Weighted, c.Allowed, Enumerable.Range(0, c.Allowed.Length).ToList());
            var half = new Negotiation.Core.Engine.Half(space, [.. Enumerable.Range(0, space.Order.Length)]);
            var radix = space.Options.Select(o => o.Length).ToArray();
            var listed = new List<(double Worth, int Place, int[] Picks)>();
            for (var place = 0; place < half.Count; place++)
            {
                var (picks, rest, worth) = (new int[radix.Length], place, 0.0);
                for (var d = radix.Length - 1; d >= 0; d--) (picks[d], rest) = (rest % radix[d], rest / radix[d]);
                for (var d = 0; d < radix.Length; d++) worth += space.Values[d][picks[d]];
                listed.Add((worth, place, picks));
            }
            var sorted = listed.OrderBy(x => x.Worth).ThenBy(x => x.Place).ToList();
            for (var j = 0; j < half.Count; j++)
            {
                var picks = new int[radix.Length];
                half.CopyPicks(j, picks);
                if (half.Lex[j] != sorted[j].Place || BitConverter.DoubleToInt64Bits(half.Value[j]) != BitConverter.DoubleToInt64Bits(sorted[j].Worth)) return false;
                if (!picks.SequenceEqual(sorted[j].Picks)) return false;
                var first = sorted.FindIndex(x => x.Worth == sorted[j].Worth);
                if (half.GroupStartOf(j) != first || half.NextGroup(first) != sorted.FindLastIndex(x => x.Worth == sorted[j].Worth) + 1) return false;
            }
            return true;
        }, iter: 1000);
    }

    [Fact]
    public void Past_the_halves_the_block_search_reaches_the_target_and_no_change_of_one_term_betters_its_offer()
    {
        // Issue 24: spaces of 11 to 20 terms of 2 to 8 options under uneven weights, a reference or none, any target. The search's own order: reaching the target,
        // then least worth (more when nothing reaches), then fewest terms away from the reference, then search order.
        // Values to three decimals or on a coarse grid of five steps (ties everywhere, so distance and order decide).
        var spaces = Gen.Int[11, 20].SelectMany(terms => Gen.Int[2, 8].SelectMany(options => Gen.OneOf(Gen.Const(4), Gen.Const(1000)).SelectMany(grid =>
            Gen.Int[0, grid].Array[options].Array[terms].Select(v => v.Select(o => o.Select(x => x * 1000 / grid).ToArray()).ToArray()).SelectMany(values =>
                Gen.Int[500, 1500].Array[terms].SelectMany(weights =>
                    Gen.Int[0, options - 1].Array[terms].SelectMany(reference =>
                        Gen.Bool.SelectMany(hasReference => Gen.Double[0, 1].Select(target => (values, weights, reference: hasReference ? reference : null, target)))))))));
        spaces.Sample(c =>
        {
            var total = (double)c.weights.Sum();
            var weighted = c.values.Select((v, k) => v.Select(x => c.weights[k] / total * (x / 1000.0)).ToArray()).ToArray();
            var space = OpenTerms.Of(weighted, weighted.Select(v => Enumerable.Range(0, v.Length).ToArray()).ToArray(), Enumerable.Range(0, weighted.Length).ToList());
            var wanted = c.reference?.Select((r, k) => r).ToArray();
            var wantedInOrder = wanted is null ? null : space.Order.Select(k => wanted[k]).ToArray();
            var max = space.Values.Sum(v => v[^1]);
            var target = Math.Min(c.target * max, max);
            var picks = new int[space.Order.Length];
            Blocks.For(space).Find(space, target, wantedInOrder, picks);

            var (worth, distance) = Score(space, picks, wantedInOrder);
            if (worth < target - OfferSearch.Epsilon) return false;
            for (var p = 0; p < picks.Length; p++)
                for (var o = 0; o < space.Options[p].Length; o++)
                {
                    if (o == picks[p]) continue;
                    var changed = (int[])picks.Clone();
                    changed[p] = o;
                    var (w, d) = Score(space, changed, wantedInOrder);
                    var reaches = w >= target - OfferSearch.Epsilon;
                    var better = reaches && (w < worth - OfferSearch.Epsilon || (w <= worth + OfferSearch.Epsilon && (d < distance || (d == distance && o < picks[p]))));
                    if (better) return false;
                }
            return true;
        }, iter: 150);

        static (double Worth, int Distance) Score(OpenTerms space, int[] picks, int[]? wanted)
        {
            var (worth, distance) = (0.0, 0);
            for (var p = 0; p < picks.Length; p++)
            {
                worth += space.Values[p][picks[p]];
                if (wanted is not null && space.Options[p][picks[p]] != wanted[p]) distance++;
            }
            return (worth, distance);
        }
    }

    /// <summary>
    /// Search spaces as scenario files give them: up to 8 terms of up to 5 options, values on a grid of
    /// <paramref name="grid"/> steps under uneven weights, options not allowed (never all of a term's), a reference
    /// offer or none, and one more number from <paramref name="extra"/> (a target, or how far above the best).
    /// </summary>
    private static Gen<(double[][] Weighted, int[][] Allowed, int[]? Reference, double Extra)> Spaces(int grid, Gen<double> extra) =>
        Gen.Int[1, 8].SelectMany(terms => Gen.Int[1, 5].SelectMany(options =>
            Gen.Int[0, grid].Array[options].Array[terms].SelectMany(values =>
                Gen.Int[1, 9].Array[terms].SelectMany(weights =>
                    Gen.Bool.Array[options].Array[terms].SelectMany(allowedMask =>
                        Gen.Int[-1, options - 1].Array[terms].SelectMany(reference =>
                            extra.Select(x =>
                            {
                                var total = (double)weights.Sum();
                                var weighted = values.Select((v, k) => v.Select(value => weights[k] / total * ((double)value / grid)).ToArray()).ToArray();
                                var allowed = allowedMask.Select(m => Enumerable.Range(0, m.Length).Where(o => m[o]).ToArray())
                                    .Select(a => a.Length == 0 ? [0] : a).ToArray();
                                return (weighted, allowed, reference.All(r => r >= 0) ? reference : null, x);
                            })))))));

    [Fact]
    public void The_halves_agree_with_the_branch_and_bound_on_ten_terms_of_five_options_at_every_target()
    {
        var weighted = Enumerable.Range(0, 10)
            .Select(k => Enumerable.Range(0, 5).Select(o => (k + 1) / 55.0 * ((o * 37 + k * 11) % 101 / 100.0)).ToArray()).ToArray();
        var allowed = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, 5).ToArray()).ToArray();
        int[] reference = [4, 3, 2, 1, 0, 0, 1, 2, 3, 4];

        for (var target = 0.0; target <= 1.0; target += 0.05)
            Assert.Equal(OfferSearch.Find(weighted, allowed, target, reference, useHalves: false), OfferSearch.Find(weighted, allowed, target, reference));
    }

    [Fact]
    public void Worths_add_up_to_the_same_sum_in_any_order_and_stay_within_a_rounding_of_the_preferences()
    {
        // Issue 24: the search's worths are rounded so that no sum of them depends on the order of adding; that is
        // what lets the halves be split anywhere. Any doubles, uneven weights, up to 20 terms.
        var spaces = Gen.Int[1, 20].SelectMany(terms => Gen.Int[1, 8].SelectMany(options =>
            Gen.Double[0, 1].Array[options].Array[terms].SelectMany(values => Gen.Double[0.01, 100].Array[terms].SelectMany(weights =>
                Gen.Int[0, options - 1].Array[terms].SelectMany(offer => Gen.Int.Array[terms].Select(shuffle => (values, weights, offer, shuffle)))))));
        spaces.Sample(c =>
        {
            var total = c.weights.Sum();
            var weighted = c.values.Select((v, k) => v.Select(x => c.weights[k] / total * x).ToArray()).ToArray();
            var space = OpenTerms.Of(weighted, weighted.Select(v => Enumerable.Range(0, v.Length).ToArray()).ToArray(), Enumerable.Range(0, weighted.Length).ToList());
            var worths = Enumerable.Range(0, space.Order.Length).Select(p => space.Values[p][c.offer[p]]).ToArray();
            var (forward, backward, shuffled) = (0.0, 0.0, 0.0);
            foreach (var w in worths) forward += w;
            foreach (var w in worths.Reverse()) backward += w;
            foreach (var w in worths.Zip(c.shuffle).OrderBy(x => x.Second).Select(x => x.First)) shuffled += w;
            if (forward != backward || forward != shuffled) return false;
            // Each worth is its preference's, to within 2^-51 of the largest sum of them (a rounding or two of that sum;
            // the search adds that sum up in its own order).
            var largest = weighted.Sum(v => v.Max(Math.Abs));
            for (var p = 0; p < space.Order.Length; p++)
                for (var o = 0; o < space.Options[p].Length; o++)
                    if (Math.Abs(space.Values[p][o] - weighted[space.Order[p]][space.Options[p][o]]) > largest * Math.Pow(2, -51)) return false;
            return true;
        }, iter: 2000);
    }

    [Fact]
    public void Halves_split_anywhere_find_the_same_offer()
    {
        // Issue 24: a search's halves are split evenly when built for one run and unevenly when shared; around a term
        // drawn for a run they take positions from anywhere in search order (the drawn term in the first, terms seen
        // before in the second), so the first half is no longer all before the second. All must give every search the
        // same offer. Grids of 20 steps (ties everywhere) and three-decimal values; every split after a position, and
        // every way of dealing up to 8 positions into two halves.
        Spaces(20, Gen.Double[0, 1.05]).Sample(c => Same(c.Weighted, c.Allowed, c.Reference, c.Extra), iter: 300);
        Spaces(1000, Gen.Double[0, 1.05]).Sample(c => Same(c.Weighted, c.Allowed, c.Reference, c.Extra), iter: 300);

        static bool Same(double[][] weighted, int[][] allowed, int[]? reference, double fraction)
        {
            var space = OpenTerms.Of(weighted, allowed, Enumerable.Range(0, allowed.Length).ToList());
            var n = space.Order.Length;
            var target = fraction * space.Values.Sum(v => v[^1]);
            var wanted = reference is null ? null : space.Order.Select(k => reference[k]).ToArray();
            string Found(Halves halves)
            {
                var picks = new int[n];
                return MeetInTheMiddle.Find(space, halves, target, wanted, picks) ? string.Join(",", picks) : "none";
            }
            var even = Found(new Halves(space, n / 2));
            for (var split = 0; split <= n; split++)
                if (Found(new Halves(space, split)) != even) return false;
            for (var mask = 0; mask < 1 << n; mask++)
            {
                var first = Enumerable.Range(0, n).Where(p => (mask & 1 << p) != 0).ToArray();
                var second = Enumerable.Range(0, n).Where(p => (mask & 1 << p) == 0).ToArray();
                var halves = new Halves(space, new Negotiation.Core.Engine.Half(space, first), new Negotiation.Core.Engine.Half(space, second, indexed: mask % 2 == 0));
                if (Found(halves) != even) return false;
            }
            return true;
        }
    }

    [Fact]
    public void A_party_searching_many_times_moves_to_shared_halves_and_keeps_finding_what_the_branch_and_bound_finds()
    {
        // Issue 24: after SearchedHalves.BeforeShared searches a prepared search takes the shared (uneven) halves. Seven terms
        // of five options (few enough for the branch and bound to search whole), three-decimal values under uneven
        // weights, a reference that changes with every search.
        var random = new Random(24);
        var weights = Enumerable.Range(0, 7).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var weighted = weights.Select(w => Enumerable.Range(0, 5).Select(_ => w / weights.Sum() * Math.Round(random.NextDouble(), 3)).ToArray()).ToArray();
        var allowed = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, 5).ToArray()).ToArray();
        var prepared = Prepared.For(weighted, allowed);
        for (var search = 0; search < 2 * SearchedHalves.BeforeShared; search++)
        {
            var target = random.NextDouble();
            var reference = Enumerable.Range(0, 7).Select(_ => random.Next(5)).ToArray();
            Assert.Equal(OfferSearch.Find(weighted, allowed, target, reference, useHalves: false), OfferSearch.Find(weighted, allowed, target, reference));
            if (search == 0) Assert.False(prepared.Built!.Final);
        }
        Assert.True(prepared.Built!.Final);
        Assert.True(prepared.Built.First.Count < prepared.Built.Second.Count / 10);
    }

    [Fact]
    public void A_second_model_with_the_same_numbers_takes_the_shared_halves_at_its_first_search()
    {
        // Issue 24: each run of a sweep whose ranges leave the preferences alone (a reservation, a probability) has a
        // model of its own; from the second run on, its first search takes the shared halves instead of building
        // balanced ones. Numbers drawn for one run (a weight's range) are new, and start balanced.
        var random = new Random(25);
        var weighted = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, 5).Select(_ => Math.Round(random.NextDouble(), 3) / 7).ToArray()).ToArray();
        var allowed = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, 5).ToArray()).ToArray();
        var again = weighted.Select(v => (double[])v.Clone()).ToArray();

        var first = OfferSearch.Find(weighted, allowed, 0.3, null);
        Assert.False(Prepared.For(weighted, allowed).Built!.Final);
        Assert.Equal(first, OfferSearch.Find(again, allowed, 0.3, null));
        Assert.True(Prepared.For(again, allowed).Built!.Final);
    }

    [Fact]
    public void A_party_s_search_on_its_numbers_by_weight_finds_the_offer_its_normalised_numbers_give()
    {
        // Issue 24: the engine searches a party's option values times its weights as given, the target and the tolerance
        // scaled by what the weights add up to, so that a term's numbers do not change when a run draws another term's
        // weight. The reference is the branch and bound on the normalised numbers, as before: three-decimal values and
        // weights (ties within the tolerance everywhere), options not allowed, a reference offer or none.
        var gen = Gen.Int[1, 8].SelectMany(terms => Gen.Int[1, 5].SelectMany(options =>
            Gen.Int[0, 1000].Array[options].Array[terms].SelectMany(values =>
                Gen.Int[0, 3000].Array[terms].SelectMany(weights =>
                    Gen.Bool.Array[options].Array[terms].SelectMany(allowedMask =>
                        Gen.Int[-1, options - 1].Array[terms].SelectMany(reference =>
                            Gen.Double[-0.05, 1.05].Select(target => (values, weights, allowedMask, reference, target))))))));
        gen.Sample(c =>
        {
            var model = Agency(c.values.Select(v => v.Select(x => x / 1000.0).ToArray()).ToArray(), c.weights.Select(w => w / 1000.0).ToArray());
            var allowed = c.allowedMask.Select(m => Enumerable.Range(0, m.Length).Where(o => m[o]).ToArray())
                .Select(a => a.Length == 0 ? [0] : a).ToArray();
            var reference = c.reference.All(r => r >= 0) ? c.reference : null;
            var byWeight = OfferSearch.Find(model, allowed, c.target, reference);
            var normalised = OfferSearch.Find(model.Weighted, allowed, c.target, reference, useHalves: false);
            return byWeight!.SequenceEqual(normalised!);
        }, iter: 2000);
    }

    [Fact]
    public void Models_that_draw_one_term_s_weight_share_the_half_of_the_other_terms()
    {
        // Issue 24: each run of a sweep that draws a weight has models of its own. From the second such model on, its first
        // search takes halves around the drawn term: the term in a first half built anew, the terms seen before in a second
        // half kept by their numbers and shared by every later model. Ten terms of five options, a weight drawn for t0
        // (it moves about the search order). Every search is checked against the normalised numbers' search, which takes
        // balanced halves (those numbers are new to each model; at 10 terms the branch and bound runs out of its budget).
        var random = new Random(2411);
        var values = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, 5).Select(_ => Math.Round(random.NextDouble(), 3)).ToArray()).ToArray();
        var weights = Enumerable.Range(0, 10).Select(_ => Math.Round(0.5 + random.NextDouble(), 3)).ToArray();
        var allowed = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, 5).ToArray()).ToArray();
        double[]? shared = null;
        foreach (var drawn in new[] { 0.6, 1.9, 0.75, 1.2, 1.6 })
        {
            var model = Agency(values, [drawn, .. weights[1..]]);
            for (var search = 0; search < 6; search++)
            {
                var target = random.NextDouble();
                var reference = Enumerable.Range(0, 10).Select(_ => random.Next(5)).ToArray();
                Assert.Equal(OfferSearch.Find(model.Weighted, allowed, target, reference), OfferSearch.Find(model, allowed, target, reference));
            }
            var prepared = Prepared.For(model.ByWeight, allowed, OfferSearch.Epsilon * model.WeightSum);
            var halves = prepared.Built!;
            if (drawn == 0.6)
            {
                Assert.False(halves.Final); // nothing seen before: balanced halves
                continue;
            }
            var at = Array.IndexOf(prepared.Space.Order, 0);
            Assert.True(halves.Final);
            Assert.Contains(at, halves.First.Positions);
            Assert.DoesNotContain(at, halves.Second.Positions);
            Assert.True(halves.First.Count < halves.Second.Count / 10); // 125 against 78,125, or 625 against 15,625 once 64 MB are kept
            shared ??= halves.Second.Value;
            Assert.Same(shared, halves.Second.Value);
        }
    }

    // The agency's utility model over terms t0, t1, … each with options o0, o1, …: values[k][o] and weights[k] as given.
    private static UtilityModel Agency(double[][] values, double[] weights)
    {
        var terms = values.Select((v, k) => new Negotiation.Core.Model.TermDefinition($"t{k}", null, [.. v.Select((_, o) => $"o{o}")])).ToList();
        var story = Negotiation.Testing.Stories.WholeStory();
        var scenario = story with
        {
            Terms = terms,
            Agency = story.Agency with
            {
                Preferences = terms.Select((t, k) => (t.Id, new Negotiation.Core.Model.Preference(weights[k],
                    t.Options.Select((o, i) => (o, values[k][i])).ToDictionary()))).ToDictionary(),
            },
        };
        return new UtilityModel(scenario, scenario.Agency);
    }

    private static IEnumerable<int[]> Cartesian(int[][] allowed) =>
        allowed.Aggregate((IEnumerable<int[]>)[[]], (acc, options) => acc.SelectMany(prefix => options.Select(o => (int[])[.. prefix, o])));
}
