namespace Negotiation.Core.Engine;

/// <summary>
/// Why a move would be refused, in words a player can act on: the rules the decider enforces, asked before
/// the move is made (a person's moves are checked here, then again by the decider).
/// </summary>
public static class MoveCheck
{
    public static IReadOnlyList<string> Problems(RunState view, Move move)
    {
        var problems = new List<string>();
        var n = view.Negotiation(move.Vendor);
        var isAgency = move.Party == view.AgencyId;
        if (!n.IsOpen) return [$"the negotiation with {move.Vendor} is over"];

        switch (move.Action)
        {
            case AgencyAction.Threaten when !isAgency || Policy.AgencyActionFor(view, n) != AgencyAction.Threaten:
                problems.Add($"no grounds to threaten {move.Vendor}: that takes a threat tactic and enough deadlocked rounds, with no threat pending");
                break;
            case AgencyAction.Designate when !isAgency || Policy.AgencyActionFor(view, n) != AgencyAction.Designate:
                problems.Add($"{move.Vendor} can be designated only once a threat's deadline has passed, with a designate tactic");
                break;
        }

        switch (move.Kind)
        {
            case MoveKind.Accept:
                var standing = isAgency ? n.VendorOffer : n.AgencyOffer;
                if (standing is null) problems.Add("there is no offer to accept");
                else
                    foreach (var party in new[] { view.AgencyId, move.Vendor })
                        if (!Policy.Acceptable(view, party, move.Vendor, standing))
                            problems.Add($"{party} cannot sign that offer (a red line, a lock, its reservation or the same-terms floor)");
                break;
            case MoveKind.Offer when move.Terms is { } terms:
                var allowed = Policy.AllowedOptions(view, move.Party, move.Vendor);
                for (var k = 0; k < view.Scenario.Terms.Count; k++)
                {
                    var term = view.Scenario.Terms[k];
                    if (!terms.TryGetValue(term.Id, out var option) || !term.Options.Contains(option))
                        problems.Add($"{term.Id} needs one of: {string.Join(", ", term.Options)}");
                    else if (!allowed[k].Contains(term.Options.ToList().IndexOf(option)))
                        problems.Add($"{term.Id}={option} is not open to you (a red line you hold, a lock, or a threat you conceded to); open: " +
                                     string.Join(", ", allowed[k].Select(o => term.Options[o])));
                }
                break;
            case MoveKind.Offer:
                problems.Add("an offer needs terms");
                break;
        }
        return problems;
    }
}
