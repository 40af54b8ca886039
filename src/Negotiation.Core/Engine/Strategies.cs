using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>The utility a party aims for in a round, by strategy kind (see the scenario format).</summary>
public static class Strategies
{
    /// <summary>What a strategy does, in words a player reads on their seat and role sheet.</summary>
    public static string Describe(StrategyKind kind) => kind switch
    {
        StrategyKind.Boulware => "when the computer moves for you, it concedes little at first and most near the deadline",
        StrategyKind.Linear => "when the computer moves for you, it concedes the same amount every round, down to your reservation",
        StrategyKind.Conceder => "when the computer moves for you, it concedes much at first and little near the deadline",
        StrategyKind.Hardliner => "when the computer moves for you, it keeps your best offer and never concedes",
        StrategyKind.TitForTat => "when the computer moves for you, it concedes as much as the other side conceded last",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

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
