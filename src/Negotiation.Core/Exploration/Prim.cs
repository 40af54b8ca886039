using System.Text.Json.Serialization;

namespace Negotiation.Core.Exploration;

/// <summary>A box's limit on one input: a range of numbers, or the words it keeps.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Between), "between")]
[JsonDerivedType(typeof(OneOf), "one_of")]
public abstract record BoxLimit(string Input)
{
    public sealed record Between(string Input, double Low, double High) : BoxLimit(Input);

    public sealed record OneOf(string Input, IReadOnlyList<string> Words) : BoxLimit(Input);
}

/// <summary>
/// A box of inputs: only the inputs it restricts are listed. <see cref="Coverage"/>: the share of every run with
/// the outcome that falls in the box; <see cref="Density"/>: the share of the box's runs with the outcome;
/// <see cref="Mass"/>: the share of all runs in the box.
/// </summary>
public sealed record PrimBox(IReadOnlyList<BoxLimit> Limits, double Coverage, double Density, double Mass, int Runs);

/// <summary>A peeling step: the box's coverage, density and how many inputs it restricts.</summary>
public sealed record PeelingStep(double Coverage, double Density, double Mass, int Restricted);

/// <summary>What <c>--discover</c> found for one outcome: how often it happens, its boxes, the first box's peeling.</summary>
public sealed record Discovery(string Outcome, double BaseRate, int Runs, IReadOnlyList<PrimBox> Boxes, IReadOnlyList<PeelingStep> Trajectory);

/// <summary>
/// Scenario discovery by the Patient Rule Induction Method (Friedman and Fisher 1999), as the EMA Workbench uses
/// it: from the box of every point, peel off, one input at a time, the 5 % of the box's runs (by weight) at either
/// end of a range, or one word of a <c>one_of</c>, choosing the peel with the largest gain in density per share of
/// runs removed, until the box would hold less than 5 % of the runs. Of the boxes met on the way, the one kept is
/// the one of largest coverage whose density reaches the threshold (0.8), else the densest; its limits that lower
/// the density by less than 0.01 when dropped are dropped. Then the runs in it are set aside and the next box is
/// sought among the rest (covering), up to three boxes, while a box is denser than what is left and reaches the
/// threshold. No pasting. Points carry weights: a design point stands for all its seeds' runs.
/// </summary>
public static class Prim
{
    public const double PeelAlpha = 0.05;
    public const double MassMin = 0.05;
    public const double Threshold = 0.8;
    public const int MaxBoxes = 3;
    public const double PruneTolerance = 0.01;

    /// <param name="points">each point's number per input (<see cref="DesignInput.Number"/>: a word's index)</param>
    /// <param name="runs">how many runs each point stands for</param>
    /// <param name="hits">how many of those had the outcome</param>
    public static Discovery Discover(string outcome, IReadOnlyList<DesignInput> inputs, IReadOnlyList<double[]> points, IReadOnlyList<int> runs, IReadOnlyList<int> hits)
    {
        var totalRuns = runs.Sum();
        var totalHits = hits.Sum();
        var left = Enumerable.Range(0, points.Count).Where(p => runs[p] > 0).ToList();
        var boxes = new List<PrimBox>();
        IReadOnlyList<PeelingStep> firstTrajectory = [];
        while (boxes.Count < MaxBoxes && totalHits > 0)
        {
            var leftRuns = left.Sum(p => runs[p]);
            var leftHits = left.Sum(p => hits[p]);
            if (leftHits == 0 || leftRuns < MassMin * totalRuns) break;
            var (box, trajectory) = Peel(inputs, points, runs, hits, left, totalRuns, totalHits);
            if (boxes.Count == 0) firstTrajectory = trajectory;
            var inside = left.Where(p => box.Contains(points[p])).ToList();
            var density = (double)inside.Sum(p => hits[p]) / Math.Max(1, inside.Sum(p => runs[p]));
            // The first box is kept if it beats the base rate; a later one only if it reaches the threshold too.
            if (box.Restricted(points, left) == 0 || density <= (double)leftHits / leftRuns || (boxes.Count > 0 && density < Threshold)) break;
            boxes.Add(box.Describe(inputs, points, left, runs, hits, totalRuns, totalHits));
            left = left.Except(inside).ToList();
        }
        return new Discovery(outcome, totalRuns == 0 ? 0 : (double)totalHits / totalRuns, totalRuns, boxes, firstTrajectory);
    }

    private static (Box Chosen, IReadOnlyList<PeelingStep> Trajectory) Peel(
        IReadOnlyList<DesignInput> inputs, IReadOnlyList<double[]> points, IReadOnlyList<int> runs, IReadOnlyList<int> hits,
        IReadOnlyList<int> start, int totalRuns, int totalHits)
    {
        var box = Box.Around(inputs, points, start);
        var members = start.ToList();
        var met = new List<(Box Box, double Coverage, double Density, double Mass)>();
        void Meet(Box b, List<int> m)
        {
            var w = m.Sum(p => runs[p]);
            var k = m.Sum(p => hits[p]);
            met.Add((b, (double)k / totalHits, (double)k / w, (double)w / totalRuns));
        }
        Meet(box, members);
        while (true)
        {
            var weight = members.Sum(p => runs[p]);
            var density = (double)members.Sum(p => hits[p]) / weight;
            (Box Box, List<int> Members, double Gain)? best = null;
            foreach (var candidate in box.Peels(inputs, points, members, runs))
            {
                var kept = members.Where(p => candidate.Contains(points[p])).ToList();
                var w = kept.Sum(p => runs[p]);
                if (w == 0 || w == weight || w < MassMin * totalRuns) continue;
                var gain = ((double)kept.Sum(p => hits[p]) / w - density) / ((double)(weight - w) / totalRuns);
                if (best is null || gain > best.Value.Gain) best = (candidate, kept, gain);
            }
            if (best is null) break;
            (box, members) = (best.Value.Box, best.Value.Members);
            Meet(box, members);
        }
        var chosen = met.Where(m => m.Density >= Threshold).OrderByDescending(m => m.Coverage).ThenByDescending(m => m.Density).FirstOrDefault();
        if (chosen.Box is null) chosen = met.OrderByDescending(m => m.Density).ThenByDescending(m => m.Coverage).First();
        return (Prune(chosen.Box, points, runs, hits, start), met.Select(m => new PeelingStep(m.Coverage, m.Density, m.Mass, m.Box.Restricted(points, start))).ToList());
    }

    /// <summary>
    /// The box without the limits that do not earn their place: a limit whose removal lowers the box's density by
    /// less than <see cref="PruneTolerance"/> is dropped (the least useful first), so a box names only the inputs
    /// that matter, as an analyst does by hand with the EMA Workbench's restrictions.
    /// </summary>
    private static Box Prune(Box box, IReadOnlyList<double[]> points, IReadOnlyList<int> runs, IReadOnlyList<int> hits, IReadOnlyList<int> start)
    {
        double Density(Box b)
        {
            var inside = start.Where(p => b.Contains(points[p])).ToList();
            var w = inside.Sum(p => runs[p]);
            return w == 0 ? 0 : (double)inside.Sum(p => hits[p]) / w;
        }
        var full = Box.Around(points, start, box.Words);
        while (true)
        {
            var density = Density(box);
            var relaxed = Enumerable.Range(0, box.Low.Length).Where(i => box.IsRestricted(i, points, start))
                .Select(i => box.Relax(i, full)).Select(b => (Box: b, Density: Density(b))).OrderByDescending(x => x.Density).FirstOrDefault();
            if (relaxed.Box is null || relaxed.Density < density - PruneTolerance) return box;
            box = relaxed.Box;
        }
    }

    /// <summary>A box: per input, the numbers it keeps (inclusive) or the word indexes it keeps.</summary>
    private sealed record Box(double[] Low, double[] High, IReadOnlySet<int>?[] Words)
    {
        public static Box Around(IReadOnlyList<DesignInput> inputs, IReadOnlyList<double[]> points, IReadOnlyList<int> members) =>
            Around(points, members, inputs.Select(i => i is DesignInput.Words ? new HashSet<int>() : null).ToArray());

        /// <summary>The box around the members, words kept where <paramref name="shape"/> has words.</summary>
        public static Box Around(IReadOnlyList<double[]> points, IReadOnlyList<int> members, IReadOnlySet<int>?[] shape) => new(
            shape.Select((_, i) => members.Min(p => points[p][i])).ToArray(),
            shape.Select((_, i) => members.Max(p => points[p][i])).ToArray(),
            shape.Select((words, i) => words is null ? null : (IReadOnlySet<int>)members.Select(p => (int)points[p][i]).ToHashSet()).ToArray());

        /// <summary>This box with input <paramref name="i"/> as free as in <paramref name="full"/>.</summary>
        public Box Relax(int i, Box full) => new(With(Low, i, full.Low[i]), With(High, i, full.High[i]), Replace(Words, i, full.Words[i]));

        private static IReadOnlySet<int>?[] Replace(IReadOnlySet<int>?[] words, int i, IReadOnlySet<int>? value)
        {
            var copy = (IReadOnlySet<int>?[])words.Clone();
            copy[i] = value;
            return copy;
        }

        public bool Contains(double[] point)
        {
            for (var i = 0; i < Low.Length; i++)
            {
                if (Words[i] is { } kept ? !kept.Contains((int)point[i]) : point[i] < Low[i] || point[i] > High[i]) return false;
            }
            return true;
        }

        public IEnumerable<Box> Peels(IReadOnlyList<DesignInput> inputs, IReadOnlyList<double[]> points, IReadOnlyList<int> members, IReadOnlyList<int> runs)
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                if (Words[i] is { } kept)
                {
                    if (kept.Count < 2) continue;
                    foreach (var word in kept)
                    {
                        var words = (IReadOnlySet<int>?[])Words.Clone();
                        words[i] = kept.Where(w => w != word).ToHashSet();
                        yield return this with { Words = words };
                    }
                    continue;
                }
                // The distinct values in the box with the runs at each, from the low end.
                var values = members.GroupBy(p => points[p][i]).Select(g => (Value: g.Key, Runs: g.Sum(p => runs[p]))).OrderBy(v => v.Value).ToList();
                if (values.Count < 2) continue;
                var weight = values.Sum(v => v.Runs);
                yield return this with { Low = With(Low, i, Cut(values, weight)) };
                values.Reverse();
                yield return this with { High = With(High, i, Cut(values, weight)) };
            }
        }

        /// <summary>The first value kept once the end's share of the runs (at least one value) is peeled off.</summary>
        private static double Cut(List<(double Value, int Runs)> fromEnd, int weight)
        {
            var peeled = 0;
            for (var k = 0; k < fromEnd.Count - 1; k++)
            {
                peeled += fromEnd[k].Runs;
                if (peeled >= PeelAlpha * weight) return fromEnd[k + 1].Value;
            }
            return fromEnd[^1].Value;
        }

        private static double[] With(double[] limits, int i, double value)
        {
            var copy = (double[])limits.Clone();
            copy[i] = value;
            return copy;
        }

        /// <summary>How many inputs this box restricts, against the box around <paramref name="all"/>.</summary>
        public int Restricted(IReadOnlyList<double[]> points, IReadOnlyList<int> all) =>
            Enumerable.Range(0, Low.Length).Count(i => IsRestricted(i, points, all));

        public bool IsRestricted(int i, IReadOnlyList<double[]> points, IReadOnlyList<int> all) => Words[i] is { } kept
            ? all.Select(p => (int)points[p][i]).Distinct().Count() > kept.Count
            : Low[i] > all.Min(p => points[p][i]) || High[i] < all.Max(p => points[p][i]);

        public PrimBox Describe(IReadOnlyList<DesignInput> inputs, IReadOnlyList<double[]> points, IReadOnlyList<int> left,
            IReadOnlyList<int> runs, IReadOnlyList<int> hits, int totalRuns, int totalHits)
        {
            var everyPoint = Enumerable.Range(0, points.Count).ToList();
            var limits = inputs.Select((input, i) => (input, i)).Where(x => IsRestricted(x.i, points, everyPoint))
                .Select(x => x.input is DesignInput.Words w
                    ? (BoxLimit)new BoxLimit.OneOf(w.Path, Words[x.i]!.Order().Select(k => w.Options[k]).ToList())
                    : new BoxLimit.Between(x.input.Path, Low[x.i], High[x.i]))
                .ToList();
            var inside = left.Where(p => Contains(points[p])).ToList();
            var w = inside.Sum(p => runs[p]);
            var k = inside.Sum(p => hits[p]);
            return new PrimBox(limits, (double)k / totalHits, w == 0 ? 0 : (double)k / w, (double)w / totalRuns, w);
        }
    }
}
