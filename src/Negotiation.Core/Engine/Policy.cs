using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// How a party chooses its move: the concession strategy, the offer choice and the acceptance rule of the
/// scenario format, and the agency's tactics. Pure: the same state gives the same move.
/// </summary>
public static class Policy
{
    /// <summary>The moves a party makes in a round, given the state after the round's start (see <see cref="Decider.StartRound"/>).</summary>
    public static IReadOnlyList<Move> MovesOf(RunState view, string party) =>
        view.InVendorOrder
            .Where(n => n.IsOpen && (party == view.AgencyId || party == n.Vendor))
            .Select(n => Choose(view, party, n.Vendor))
            .ToList();

    public static Move Choose(RunState view, string party, string vendor)
    {
        var isAgency = party == view.AgencyId;
        var n = view.Negotiation(vendor);
        var action = isAgency ? AgencyActionFor(view, n) : AgencyAction.None;
        if (action == AgencyAction.Designate) return Move.Pass(party, vendor, action);

        var model = view.Model(party);
        var own = NextOffer(view, party, vendor, model);
        var standing = isAgency ? n.VendorOffer : n.AgencyOffer;
        if (standing is not null && Acceptable(view, party, vendor, standing, model) &&
            Acceptable(view, Other(view, party, vendor), vendor, standing) &&
            (own is null || model.Utility(standing) >= model.Utility(own) - OfferSearch.Epsilon))
            return Move.Accept(party, vendor, action);
        return own is null ? Move.Pass(party, vendor, action) : Move.Offer(party, vendor, own, action);
    }

    /// <summary>
    /// Whether a party may sign these terms: they cross none of its red lines in force, use no option locked for
    /// either signer, clear its reservation and, for the agency after extending the same terms to all, are worth
    /// no less than those.
    /// </summary>
    public static bool Acceptable(RunState view, string party, string vendor, IReadOnlyDictionary<string, string> terms, UtilityModel? model = null)
    {
        model ??= view.Model(party);
        if (RunState.Crossed(view.RedLinesInForce(party, vendor), terms).Count > 0) return false;
        if (terms.Any(kv => view.IsLocked(party, kv.Key, kv.Value) || view.IsLocked(Other(view, party, vendor), kv.Key, kv.Value)))
            return false;
        var utility = model.Utility(terms);
        if (utility < view.Reservation(party) - OfferSearch.Epsilon) return false;
        var floor = view.Negotiation(vendor).SameTerms;
        return party != view.AgencyId || floor is null || utility >= model.Utility(floor) - OfferSearch.Epsilon;
    }

    /// <summary>The offer the party would make now, or null when nothing within its limits clears its reservation.</summary>
    public static IReadOnlyDictionary<string, string>? NextOffer(RunState view, string party, string vendor, UtilityModel model)
    {
        var n = view.Negotiation(vendor);
        var isAgency = party == view.AgencyId;
        var allowed = AllowedOptions(view, party, vendor);
        if (allowed.Any(a => a.Length == 0)) return null;
        var floor = isAgency && n.SameTerms is { } same ? model.Utility(same) : double.NegativeInfinity;
        if (isAgency && n.SameTerms is not null && IsWithin(view.Scenario, allowed, n.SameTerms)) return n.SameTerms;

        var best = OfferSearch.MaxUtility(model.Weighted, allowed);
        var mine = n.OffersBy(isAgency);
        var theirs = n.OffersBy(!isAgency);
        var target = Strategies.Target(
            view.Scenario.Party(party).Strategy.Kind,
            view.Exponent(party),
            view.Reservation(party),
            view.Round,
            view.Scenario.Rounds,
            best,
            mine.IsEmpty ? null : model.Utility(mine[^1]),
            theirs.Count >= 2 ? model.Utility(theirs[^1]) - model.Utility(theirs[^2]) : null,
            theirs.Count);
        target = Math.Max(target, floor);
        var reference = theirs.IsEmpty ? null : Terms.ToIndexes(view.Scenario, theirs[^1]);
        var choice = OfferSearch.Find(model.Weighted, allowed, target, reference);
        if (choice is null || model.Utility(choice) < Math.Max(view.Reservation(party), floor) - OfferSearch.Epsilon) return null;
        return Terms.FromIndexes(view.Scenario, choice);
    }

    private static bool IsWithin(Scenario scenario, int[][] allowed, IReadOnlyDictionary<string, string> terms)
    {
        var choice = Terms.ToIndexes(scenario, terms);
        return choice.Select((o, k) => allowed[k].Contains(o)).All(ok => ok);
    }

    /// <summary>
    /// Per term, the options a party may offer: inside its red lines in force and not locked for it. A vendor
    /// that conceded to a threat also keeps inside the agency red lines the threat named, and a party that
    /// avoids known red lines inside the other side's lines named in its rejections, where that leaves it
    /// any option; otherwise it holds.
    /// </summary>
    public static int[][] AllowedOptions(RunState view, string party, string vendor)
    {
        var isAgency = party == view.AgencyId;
        var n = view.Negotiation(vendor);
        var redLines = view.RedLinesInForce(party, vendor).ToList();
        var otherSide = isAgency ? view.RedLinesInForce(vendor, vendor).ToList() : view.Scenario.Agency.RedLines;
        var respected = new HashSet<string>(isAgency ? [] : n.ConcededTo ?? []);
        if (view.Scenario.Party(party).AvoidsKnownRedLines) respected.UnionWith(isAgency ? n.RevealedByVendor : n.RevealedByAgency);
        var named = otherSide.Where(r => respected.Contains(r.Id)).ToList();
        return view.Scenario.Terms.Select(t =>
        {
            var own = Enumerable.Range(0, t.Options.Count)
                .Where(o => redLines.All(r => r.Term != t.Id || r.Allows(t.Options[o])) && !view.IsLocked(party, t.Id, t.Options[o]))
                .ToArray();
            var inside = own.Where(o => named.All(r => r.Term != t.Id || r.Allows(t.Options[o]))).ToArray();
            return inside.Length > 0 ? inside : own;
        }).ToArray();
    }

    /// <summary>Threaten after enough deadlocked rounds; designate once a threat's deadline has passed unmet.</summary>
    public static AgencyAction AgencyActionFor(RunState view, NegotiationState n)
    {
        var agency = view.Scenario.Agency;
        if (n.Threat is { } threat)
            return view.Round > threat.DeadlineRound && agency.Designates ? AgencyAction.Designate : AgencyAction.None;
        return agency.Threat is { } tactic && n.DeadlockRounds >= tactic.AfterDeadlockRounds && n.VendorOfferCrosses.Count > 0
            ? AgencyAction.Threaten
            : AgencyAction.None;
    }

    private static string Other(RunState view, string party, string vendor) => party == view.AgencyId ? vendor : view.AgencyId;

    internal static IReadOnlyDictionary<string, double> Utilities(RunState view, string vendor, IReadOnlyDictionary<string, string> terms) =>
        new Dictionary<string, double>
        {
            [view.AgencyId] = view.Model(view.AgencyId).Utility(terms),
            [vendor] = view.Model(vendor).Utility(terms),
        };
}
