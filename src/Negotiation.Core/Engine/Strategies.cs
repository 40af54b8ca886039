using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>The utility a party aims for in a round, by strategy kind (see the scenario format).</summary>
public static class Strategies
{
    /// <param name="ownLast">utility to the party of its own last offer, if any</param>
    /// <param name="opponentConcession">how much the other side's last offer gained the party over the one before, if it has made two</param>
    /// <param name="opponentOffers">how many offers the other side has made</param>
    public static double Target(
        StrategyKind kind, double exponent, double reservation, int round, int rounds, double best,
        double? ownLast, double? opponentConcession, int opponentOffers)
    {
        switch (kind)
        {
            case StrategyKind.Hardliner:
                return best;
            case StrategyKind.TitForTat:
                var start = ownLast ?? best;
                // An opening gesture of one linear step, so two tit-for-tat parties do not freeze.
                var step = opponentOffers == 1 ? (1 - reservation) / rounds : Math.Max(0, opponentConcession ?? 0);
                return Math.Max(reservation, start - step);
            default:
                var t = Math.Clamp((double)round / rounds, 0, 1);
                return 1 - (1 - reservation) * Math.Pow(t, 1 / exponent);
        }
    }
}
