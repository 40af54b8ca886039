using Negotiation.Core.Engine;

namespace Negotiation.Core.Analysis;

/// <summary>
/// Every contract the agency and one vendor could sign in a state: inside both sides' red lines in force, no
/// locked option, clearing both reservations; each with its worth to either side. What the deal analysis judges a
/// signed contract against, and what the debrief draws as the utility space.
/// </summary>
public static class SignableDeals
{
    /// <summary>Past this many possible contracts the space is not enumerated rather than slow a report down.</summary>
    public const long MaxDeals = 2_000_000;

    /// <summary>The contracts, in one reused array (callers copy what they keep); null when there are too many.</summary>
    public static IEnumerable<(int[] Choice, double Agency, double Vendor)>? Of(RunState state, string vendor)
    {
        var allowed = Rules.SignableOptions(state, vendor);
        var size = allowed.Aggregate(1L, (n, a) => n > MaxDeals ? n : n * a.Length);
        return size > MaxDeals ? null : size == 0 ? [] : Walk(state, vendor, allowed);
    }

    private static IEnumerable<(int[] Choice, double Agency, double Vendor)> Walk(RunState state, string vendor, int[][] allowed)
    {
        var agencyModel = state.Model(state.AgencyId);
        var vendorModel = state.Model(vendor);
        var (ra, rv) = (state.Reservation(state.AgencyId), state.Reservation(vendor));
        const double eps = OfferSearch.Epsilon;
        foreach (var choice in Enumerate(allowed))
        {
            var a = agencyModel.Utility(choice);
            var v = vendorModel.Utility(choice);
            if (a >= ra - eps && v >= rv - eps) yield return (choice, a, v);
        }
    }

    /// <summary>The distinct utility pairs no other pair dominates, by the agency's utility from high to low.</summary>
    public static IReadOnlyList<(double Agency, double Vendor)> Frontier(IEnumerable<(double Agency, double Vendor)> points)
    {
        var frontier = new List<(double, double)>();
        var bestV = double.NegativeInfinity;
        foreach (var p in points.Distinct().OrderByDescending(p => p.Agency).ThenByDescending(p => p.Vendor))
        {
            if (p.Vendor <= bestV + OfferSearch.Epsilon) continue;
            bestV = p.Vendor;
            frontier.Add(p);
        }
        return frontier;
    }

    private static IEnumerable<int[]> Enumerate(int[][] allowed)
    {
        var index = new int[allowed.Length];
        var choice = allowed.Select(a => a[0]).ToArray();
        while (true)
        {
            yield return choice;
            var k = allowed.Length - 1;
            while (k >= 0 && ++index[k] == allowed[k].Length)
            {
                index[k] = 0;
                choice[k] = allowed[k][0];
                k--;
            }
            if (k < 0) yield break;
            choice[k] = allowed[k][index[k]];
        }
    }
}
