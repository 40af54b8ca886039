namespace Negotiation.Core.Engine;

/// <summary>
/// Finds, among the offers built from each term's allowed options, the one whose utility is closest to and not
/// below a target; among equals, the one closest (fewest differing terms) to a reference offer; then the first
/// in search order. Branch and bound over terms ordered by how much they can move utility, so a space of
/// millions of offers is never enumerated.
/// </summary>
public static class OfferSearch
{
    public const double Epsilon = 1e-9;

    /// <summary>
    /// The most nodes one search visits. Spaces with many offers of equal utility (equal weights over many
    /// terms) can otherwise take minutes; past the budget the search keeps the best offer found so far, or the
    /// party's best offer when it found none. Deterministic, so the same run still gives the same events.
    /// </summary>
    public const int NodeBudget = 400_000;

    public static double MaxUtility(double[][] weighted, int[][] allowed)
    {
        var sum = 0.0;
        for (var k = 0; k < allowed.Length; k++) sum += allowed[k].Max(o => weighted[k][o]);
        return sum;
    }

    /// <summary>Null when some term has no allowed option. A target above the best reachable means the best.</summary>
    public static int[]? Find(double[][] weighted, int[][] allowed, double target, IReadOnlyList<int>? reference)
    {
        var n = allowed.Length;
        if (allowed.Any(a => a.Length == 0)) return null;
        target = Math.Min(target, MaxUtility(weighted, allowed));

        var choice = new int[n];
        var fixedSum = 0.0;
        var fixedDistance = 0;
        var open = new List<int>();
        for (var k = 0; k < n; k++)
        {
            var values = allowed[k].Select(o => weighted[k][o]).ToArray();
            if (values.Max() - values.Min() > Epsilon) { open.Add(k); continue; }
            // Every allowed option is worth the same: take the one the other side asked for, if allowed.
            choice[k] = reference is not null && allowed[k].Contains(reference[k]) ? reference[k] : allowed[k][0];
            fixedSum += values[0];
            if (reference is not null && choice[k] != reference[k]) fixedDistance++;
        }

        var order = open
            .OrderByDescending(k => allowed[k].Max(o => weighted[k][o]) - allowed[k].Min(o => weighted[k][o]))
            .ThenBy(k => k)
            .ToArray();
        var options = order.Select(k => allowed[k].OrderBy(o => weighted[k][o]).ThenBy(o => o).ToArray()).ToArray();
        var suffixMax = new double[order.Length + 1];
        var suffixMin = new double[order.Length + 1];
        for (var i = order.Length - 1; i >= 0; i--)
        {
            var k = order[i];
            suffixMax[i] = suffixMax[i + 1] + options[i].Max(o => weighted[k][o]);
            suffixMin[i] = suffixMin[i + 1] + options[i].Min(o => weighted[k][o]);
        }

        var search = new Search(weighted, order, options, suffixMax, suffixMin, target - fixedSum, reference);
        search.Run(0, 0.0, fixedDistance);
        for (var i = 0; i < order.Length; i++)
            choice[order[i]] = search.Found ? search.Best[i] : options[i].Last(o => weighted[order[i]][o] >= options[i].Max(x => weighted[order[i]][x]) - Epsilon);
        return choice;
    }

    private sealed class Search(
        double[][] weighted, int[] order, int[][] options, double[] suffixMax, double[] suffixMin,
        double target, IReadOnlyList<int>? reference)
    {
        private readonly int[] _current = new int[order.Length];
        private double _bestUtility = double.PositiveInfinity;
        private int _bestDistance = int.MaxValue;
        private int _budget = NodeBudget;

        public int[] Best { get; } = new int[order.Length];

        public bool Found => _bestDistance != int.MaxValue;

        public void Run(int depth, double sum, int distance)
        {
            if (--_budget < 0) return;
            if (sum + suffixMax[depth] < target - Epsilon) return;
            var lowerBound = Math.Max(sum + suffixMin[depth], target);
            if (lowerBound > _bestUtility + Epsilon) return;
            if (lowerBound >= _bestUtility - Epsilon && distance >= _bestDistance) return;

            if (depth == order.Length)
            {
                var better = sum < _bestUtility - Epsilon || distance < _bestDistance;
                if (!better) return;
                _bestUtility = sum;
                _bestDistance = distance;
                _current.CopyTo(Best, 0);
                return;
            }

            var k = order[depth];
            foreach (var o in options[depth])
            {
                _current[depth] = o;
                var away = reference is not null && reference[k] != o ? 1 : 0;
                Run(depth + 1, sum + weighted[k][o], distance + away);
            }
        }
    }
}
