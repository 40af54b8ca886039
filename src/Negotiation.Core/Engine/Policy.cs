using System.Diagnostics;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// How a party played by the computer chooses, among the moves <see cref="Rules"/> allow: the concession
/// strategy, the offer choice and acceptance rule of the scenario format, the agency's tactics, and the
/// scenario's `on_threat` / `on_designation` answers (fixed, or by expected value: <see cref="BestResponse"/>). Pure: the same state gives the same moves.
/// </summary>
public static class Policy
{
    /// <summary>The moves a party makes in a round, given the state after the round's start (see <see cref="Decider.StartRound"/>).</summary>
    public static IReadOnlyList<Move> MovesOf(RunState view, string party)
    {
        var moves = new List<Move>(2);
        foreach (var n in view.OpenNegotiationsOf(party)) moves.AddRange(Choose(view, party, n.Vendor));
        return moves;
    }

    /// <summary>The party's moves in one negotiation: a bargaining move, and for the agency a coercive one where it may.</summary>
    public static IReadOnlyList<Move> Choose(RunState view, string party, string vendor)
    {
        var isAgency = party == view.AgencyId;
        if (isAgency && Rules.MayDesignate(view, party, vendor).Allowed)
            return Move.Designation(party, vendor);

        var bargaining = Bargain(view, party, vendor);
        return isAgency && bargaining is not Move.Accept && Rules.MayThreaten(view, party, vendor).Allowed
            ? [bargaining, new Move.Threaten(party, vendor)]
            : [bargaining];
    }

    /// <summary>
    /// Accept the standing offer when both sides may sign it and it is worth at least the party's own next offer;
    /// otherwise make that offer, or pass when nothing within its limits clears its reservation.
    /// </summary>
    public static Move Bargain(RunState view, string party, string vendor)
    {
        var n = view.Negotiation(vendor);
        var model = view.Model(party);
        var own = NextOffer(view, party, vendor, model);
        var standing = party == view.AgencyId ? n.VendorOffer : n.AgencyOffer;
        if (standing is not null && Rules.MayAccept(view, party, vendor).Allowed &&
            (own is null || model.Utility(standing) >= model.Utility(own) - OfferSearch.Epsilon))
            return new Move.Accept(party, vendor);
        return own is null ? new Move.Pass(party, vendor) : new Move.Offer(party, vendor, own);
    }

    /// <summary>The answer the scenario gives a party to a decision: its `on_threat` or `on_designation`.</summary>
    public static Move Answer(Question question)
    {
        var view = question.View;
        var vendor = view.Scenario.Vendor(question.Party);
        return question switch
        {
            Question.ThreatAnswer => ThreatAnswer(view, vendor),
            Question.DesignationAnswer => new Move.AnswerDesignation(vendor.Id, vendor.OnDesignation switch
            {
                DesignationRule.Litigate => DesignationResponse.Litigate,
                DesignationRule.Exit => DesignationResponse.Exit,
                DesignationRule.Accept => DesignationResponse.Accept,
                _ => BestResponse.DesignationAnswer(view, vendor.Id),
            }),
            _ => throw new UnreachableException(),
        };
    }

    private static Move ThreatAnswer(RunState view, VendorSpec vendor)
    {
        var answer = vendor.OnThreat switch
        {
            ThreatRule.Hold => ThreatResponse.Hold,
            ThreatRule.Concede => ThreatResponse.Concede,
            ThreatRule.WalkAway => ThreatResponse.WalkAway,
            _ => BestResponse.ThreatAnswer(view, vendor.Id),
        };
        return new Move.AnswerThreat(vendor.Id, answer,
            answer == ThreatResponse.Concede ? Rules.Droppable(view, vendor.Id, vendor.Id).Select(l => l.Id).ToList() : []);
    }

    /// <summary>The offer the party would make now, or null when nothing within its limits clears its reservation.</summary>
    public static IReadOnlyDictionary<string, string>? NextOffer(RunState view, string party, string vendor, UtilityModel model)
    {
        var n = view.Negotiation(vendor);
        var isAgency = party == view.AgencyId;
        var allowed = Preferred(view, party, vendor, Rules.OpenOptions(view, party, vendor));
        if (allowed.Any(a => a.Length == 0)) return null;
        var floor = isAgency && n.SameTerms is { } same ? model.Utility(same) : double.NegativeInfinity;
        if (isAgency && n.SameTerms is not null && IsWithin(view.Scenario, allowed, n.SameTerms)) return n.SameTerms;

        var best = OfferSearch.MaxUtility(model.Weighted, allowed);
        var mine = n.OffersBy(isAgency);
        var theirs = n.OffersBy(!isAgency);
        var clock = view.ClockOf(n);
        var target = Strategies.Target(
            view.Scenario.Party(party).Strategy.Kind,
            view.Exponent(party),
            view.Reservation(party),
            clock.Round,
            clock.Rounds,
            best,
            mine.IsEmpty ? null : model.Utility(mine[^1]),
            theirs.Count >= 2 ? model.Utility(theirs[^1]) - model.Utility(theirs[^2]) : null,
            theirs.Count);
        target = Math.Max(target, floor);
        var reference = theirs.IsEmpty ? null : Terms.Indexes(view.Scenario, theirs[^1]);
        var choice = OfferSearch.Find(model, allowed, target, reference);
        if (choice is null || model.Utility(choice) < Math.Max(view.Reservation(party), floor) - OfferSearch.Epsilon) return null;
        return new TermSheet(view.Scenario.Terms, choice);
    }

    /// <summary>
    /// A party that avoids known red lines (`avoids_known_red_lines`) keeps, among the options open to it, inside
    /// the other side's red lines named in its rejections, on every term where that leaves it an option. A way
    /// of choosing, not a rule: a person playing the party may offer anything open.
    /// </summary>
    public static int[][] Preferred(RunState view, string party, string vendor, int[][] open)
    {
        return view.Scenario.Party(party).AvoidsKnownRedLines ? InsideKnownRedLines(view, party, vendor, open) : open;
    }

    // Apart, so that a party that does not avoid them pays nothing for the lambdas' captures (issue 24).
    private static int[][] InsideKnownRedLines(RunState view, string party, string vendor, int[][] open)
    {
        var isAgency = party == view.AgencyId;
        var n = view.Negotiation(vendor);
        var revealed = isAgency ? n.RevealedByVendor : n.RevealedByAgency;
        var named = view.RedLinesInForce(Rules.Other(view, party, vendor), vendor).Where(l => revealed.Contains(l.Id)).ToList();
        return view.Scenario.Terms.Select((t, k) =>
        {
            var inside = open[k].Where(o => named.All(l => l.Term != t.Id || l.Allows(t.Options[o]))).ToArray();
            return inside.Length > 0 ? inside : open[k];
        }).ToArray();
    }

    private static bool IsWithin(Scenario scenario, int[][] allowed, IReadOnlyDictionary<string, string> terms)
    {
        var choice = Terms.Indexes(scenario, terms);
        for (var k = 0; k < choice.Length; k++)
            if (Array.IndexOf(allowed[k], choice[k]) < 0) return false;
        return true;
    }
}
