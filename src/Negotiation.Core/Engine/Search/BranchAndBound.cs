namespace Negotiation.Core.Engine;

/// <summary>
/// Depth-first search over the open terms in search order, pruning any branch that cannot reach the target,
/// cannot beat the best offer found, or can only tie it while already further from the reference; capped at
/// <see cref="OfferSearch.NodeBudget"/>. The reference the halves of <see cref="MeetInTheMiddle"/> are checked against
/// (tests and figures); past the halves the engine searches by <see cref="Blocks"/>, for this ran out of its budget
/// on almost every search at 15 terms and more (issue 24).
/// </summary>
internal static class BranchAndBound
{
    /// <summary>Each position's chosen option (an index into its options), or null when the budget ran out first.</summary>
    public static int[]? Find(OpenTerms space, double target, int[]? wanted, int fixedDistance)
    {
        var length = space.Order.Length;
        var suffixMax = new double[length + 1];
        var suffixMin = new double[length + 1];
        for (var i = length - 1; i >= 0; i--)
        {
            suffixMax[i] = suffixMax[i + 1] + space.Values[i][^1];
            suffixMin[i] = suffixMin[i + 1] + space.Values[i][0];
        }
        var search = new Search(space, suffixMax, suffixMin, target, wanted);
        search.Run(0, 0.0, fixedDistance);
        return search.Found ? search.Best : null;
    }

    private sealed class Search(OpenTerms space, double[] suffixMax, double[] suffixMin, double target, int[]? wanted)
    {
        private readonly int[] _current = new int[space.Order.Length];
        private double _bestUtility = double.PositiveInfinity;
        private int _bestDistance = int.MaxValue;
        private int _budget = OfferSearch.NodeBudget;

        public int[] Best { get; } = new int[space.Order.Length];

        public bool Found => _bestDistance != int.MaxValue;

        public void Run(int depth, double sum, int distance)
        {
            if (--_budget < 0) return;
            var tolerance = space.Tolerance;
            if (sum + suffixMax[depth] < target - tolerance) return;
            var lowerBound = Math.Max(sum + suffixMin[depth], target);
            if (lowerBound > _bestUtility + tolerance) return;
            if (lowerBound >= _bestUtility - tolerance && distance >= _bestDistance) return;

            if (depth == _current.Length)
            {
                var better = sum < _bestUtility - tolerance || distance < _bestDistance;
                if (!better) return;
                _bestUtility = sum;
                _bestDistance = distance;
                _current.CopyTo(Best, 0);
                return;
            }

            var options = space.Options[depth];
            var values = space.Values[depth];
            for (var p = 0; p < options.Length; p++)
            {
                _current[depth] = p;
                var away = wanted is not null && wanted[depth] != options[p] ? 1 : 0;
                Run(depth + 1, sum + values[p], distance + away);
            }
        }
    }
}
