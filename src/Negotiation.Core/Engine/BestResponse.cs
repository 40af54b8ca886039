using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>One choice open to a vendor and what it is worth to it by the format's estimates.</summary>
public sealed record Estimate(string Choice, double Value);

/// <summary>
/// A vendor's answers by expected value (format 1.2 <c>best-response</c>): the estimates of every choice, in the
/// order ties go (hold, concede, walk away; litigate, accept, exit), and the choice worth most. Used by the
/// policy to answer, by the decider to record the numbers behind an answer, and by a seat to show them.
/// </summary>
public static class BestResponse
{
    /// <summary>The injunction odds the vendor believes: its <c>beliefs</c>, else the court's own.</summary>
    public static double Belief(RunState s, string vendor) =>
        s.Scenario.Vendor(vendor).Beliefs?.InjunctionProbability ?? s.Litigation.InjunctionProbability;

    /// <summary>
    /// A threatened vendor's choices: concede is the worth of the agency's standing offer if the vendor could sign
    /// it after dropping its red lines that are not firm (else its no_deal); hold the designation that follows, as
    /// the vendor would answer it; walk away its no_deal.
    /// </summary>
    public static IReadOnlyList<Estimate> ToThreat(RunState s, string vendor)
    {
        var noDeal = Endings.Value(s, vendor, Ending.NoDeal);
        return
        [
            new(Words.Of(ThreatResponse.Hold), DesignationWorth(s, vendor)),
            new(Words.Of(ThreatResponse.Concede), ConcedeWorth(s, vendor) ?? noDeal),
            new(Words.Of(ThreatResponse.WalkAway), noDeal),
        ];
    }

    /// <summary>A designated vendor's choices: litigating at the odds it believes, less the suit's cost; accepting; exiting.</summary>
    public static IReadOnlyList<Estimate> ToDesignation(RunState s, string vendor)
    {
        var belief = Belief(s, vendor);
        var litigation = s.Litigation;
        var designated = Endings.Value(s, vendor, Ending.Designated);
        return
        [
            new(Words.Of(DesignationResponse.Litigate),
                belief * Endings.Value(s, vendor, Ending.DesignationLifted) + (1 - belief) * designated - litigation.CostPerRound * litigation.RoundsToRuling),
            new(Words.Of(DesignationResponse.Accept), designated),
            new(Words.Of(DesignationResponse.Exit), Endings.Value(s, vendor, Ending.Exited)),
        ];
    }

    /// <summary>The choice worth most; on a tie, the first in the format's order.</summary>
    public static Estimate Best(IReadOnlyList<Estimate> estimates)
    {
        var best = estimates[0];
        foreach (var e in estimates)
            if (e.Value > best.Value + OfferSearch.Epsilon) best = e;
        return best;
    }

    public static ThreatResponse ThreatAnswer(RunState s, string vendor) => Parse<ThreatResponse>(Best(ToThreat(s, vendor)).Choice);

    public static DesignationResponse DesignationAnswer(RunState s, string vendor) => Parse<DesignationResponse>(Best(ToDesignation(s, vendor)).Choice);

    /// <summary>What holding leads to: the designation as the vendor would answer it, by its rule or its best response.</summary>
    public static Estimate IfDesignated(RunState s, string vendor)
    {
        var estimates = ToDesignation(s, vendor);
        return s.Scenario.Vendor(vendor).OnDesignation switch
        {
            DesignationRule.BestResponse => Best(estimates),
            var rule => estimates.First(e => e.Choice == Words.Of(rule)),
        };
    }

    private static double DesignationWorth(RunState s, string vendor) => IfDesignated(s, vendor).Value;

    private static double? ConcedeWorth(RunState s, string vendor)
    {
        if (s.Negotiation(vendor).AgencyOffer is not { } standing) return null;
        var dropped = Rules.Droppable(s, vendor, vendor).Select(l => l.Id).ToList();
        var conceded = Evolution.Evolve(s, new RedLinesDropped(s.Round, vendor, dropped, []));
        return Rules.MaySign(conceded, vendor, vendor, standing).Allowed ? s.Model(vendor).Utility(standing) : null;
    }

    private static T Parse<T>(string word) where T : struct, Enum =>
        Enum.GetValues<T>().First(v => Words.Of(v) == word);
}
