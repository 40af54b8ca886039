using Negotiation.Core.Events;

namespace Negotiation.Core.Engine;

/// <summary>
/// What a party at the table hears of a run as it happens: its own negotiation in full, and of the rest only
/// what is public (news, statements, who signed, threats, designations, lawsuits and rulings). Other parties'
/// offers, numbers and dropped red lines stay private.
/// </summary>
public static class Hearing
{
    public static bool IsHeardBy(RunEvent e, string party, string agency) => e switch
    {
        NewsReported or StatementMade or AgreementSigned or DesignationThreatened or Designated or WalkedAway
            or VendorExited or LitigationFiled or CourtRuled or DesignationLifted or SameTermsRequested or DeadlinePassed => true,
        // The numbers behind a vendor's answer are its own: its values and what it believes of the court.
        ChoiceWeighed c => c.Vendor == party,
        OptionLocked l => l.Party == party,
        OptionUnlocked u => u.Party == party,
        PartyNumberSet n => n.Party == party,
        OfferMade m => InNegotiation(m.Vendor, party, agency),
        OfferRejected r => InNegotiation(r.Vendor, party, agency),
        ThreatMet t => InNegotiation(t.Vendor, party, agency),
        ThreatLapsed t => InNegotiation(t.Vendor, party, agency),
        RedLinesDropped d => InNegotiation(d.Vendor, party, agency),
        RedLineDropped d => d.Party == party,
        PolicyStoodIn p => p.Party == party,
        WorldAnnounced w => (w.World.Lock ?? w.World.Unlock)?.Party is not { } changed ? w.World.Set is null || w.World.Set.Party == party : changed == party,
        SameTermsExtended x => party == agency || x.To.Contains(party) || x.SignedBy == party,
        _ => false,
    };

    private static bool InNegotiation(string vendor, string party, string agency) => party == agency || party == vendor;
}
