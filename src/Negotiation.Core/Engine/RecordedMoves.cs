using Negotiation.Core.Events;

namespace Negotiation.Core.Engine;

/// <summary>
/// A party's moves in a round, read back from the events the round recorded: how a person's play is
/// re-run when a run is verified.
/// </summary>
public static class RecordedMoves
{
    public static IReadOnlyList<Move> Of(RunState view, string party, IReadOnlyList<RunEvent> roundEvents) =>
        view.InVendorOrder
            .Where(n => n.IsOpen && (party == view.AgencyId || party == n.Vendor))
            .Select(n =>
            {
                var action =
                    roundEvents.Any(e => e is Designated d && d.Vendor == n.Vendor) ? AgencyAction.Designate
                    : roundEvents.Any(e => e is DesignationThreatened t && t.Vendor == n.Vendor) ? AgencyAction.Threaten
                    : AgencyAction.None;
                if (party != view.AgencyId) action = AgencyAction.None;
                if (roundEvents.OfType<AgreementSigned>().Any(a => a.Vendor == n.Vendor && a.AcceptedBy == party))
                    return Move.Accept(party, n.Vendor, action);
                return roundEvents.OfType<OfferMade>().FirstOrDefault(o => o.Vendor == n.Vendor && o.From == party) is { } offer
                    ? Move.Offer(party, n.Vendor, offer.Terms, action)
                    : Move.Pass(party, n.Vendor, action);
            })
            .ToList();
}
