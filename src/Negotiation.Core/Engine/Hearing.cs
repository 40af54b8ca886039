using Negotiation.Core.Events;

namespace Negotiation.Core.Engine;

/// <summary>
/// The one visibility rule. What a party at the table hears of a run as it happens: its own negotiation in full,
/// and of the rest only what is public (news, statements, who signed, threats, designations, lawsuits and
/// rulings); what the room sees (the projector): only what is public. Other parties' offers, numbers and dropped
/// red lines stay private, and nobody but a party itself sees what anything is worth to it (<see cref="WorthsFor"/>).
/// The seat views, the projector's minutes and the console player all ask here.
/// </summary>
public static class Hearing
{
    /// <summary>What every party hears and the room sees; a world event's details for one party only as its news text.</summary>
    public static bool IsPublic(RunEvent e) => e switch
    {
        RoundStarted or NewsReported or StatementMade or AgreementSigned or DesignationThreatened or Designated or WalkedAway
            or VendorExited or LitigationFiled or CourtRuled or DesignationLifted or SameTermsRequested or DeadlinePassed
            or RunConcluded => true,
        OptionLocked l => l.Text is not null,
        OptionUnlocked u => u.Text is not null,
        PartyNumberSet n => n.Text is not null,
        // The instructor's live news: its words are for everyone; a change it makes without words concerns one party.
        WorldAnnounced w => w.World.Text is not null,
        // Private to the parties of a negotiation, to one party, or to the instructor's tables.
        NegotiationOpened or RunForked or PolicyStoodIn or OfferMade or OfferRejected or ThreatMet or ThreatLapsed or RedLinesDropped
            or RedLineDropped or SameTermsExtended or ProbeAssessed or RedLineAudited or ChoiceWeighed => false,
        _ => throw new UnhandledEventException(e, "Hearing.IsPublic"),
    };

    /// <summary>
    /// Whether a world event concerns this one party: it hears its details (which option, which number), where
    /// everyone else hears only its news text.
    /// </summary>
    public static bool Concerns(RunEvent e, string party) => e switch
    {
        OptionLocked l => l.Party == party,
        OptionUnlocked u => u.Party == party,
        PartyNumberSet n => n.Party == party,
        _ => false,
    };

    /// <summary>Of the worths an event carries, those a viewer may see: its own (null: the instructor, who sees all).</summary>
    public static IReadOnlyDictionary<string, double> WorthsFor(IReadOnlyDictionary<string, double> worths, string? viewer) =>
        viewer is null ? worths : worths.Where(kv => kv.Key == viewer).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static bool IsHeardBy(RunEvent e, string party, string agency) => e switch
    {
        NewsReported or StatementMade or AgreementSigned or DesignationThreatened or Designated or WalkedAway
            or VendorExited or LitigationFiled or CourtRuled or DesignationLifted or SameTermsRequested or DeadlinePassed => true,
        // The numbers behind a vendor's answer are its own: its values and what it believes of the court.
        ChoiceWeighed c => c.Vendor == party,
        // Public news reaches every party, whoever it concerns; its details only the party it concerns.
        OptionLocked or OptionUnlocked or PartyNumberSet => Concerns(e, party) || IsPublic(e),
        OfferMade m => InNegotiation(m.Vendor, party, agency),
        OfferRejected r => InNegotiation(r.Vendor, party, agency),
        ThreatMet t => InNegotiation(t.Vendor, party, agency),
        ThreatLapsed t => InNegotiation(t.Vendor, party, agency),
        RedLinesDropped d => InNegotiation(d.Vendor, party, agency),
        RedLineDropped d => d.Party == party,
        PolicyStoodIn p => p.Party == party,
        WorldAnnounced w => (w.World.Lock ?? w.World.Unlock)?.Party is not { } changed ? w.World.Set is null || w.World.Set.Party == party : changed == party,
        SameTermsExtended x => party == agency || x.To.Contains(party) || x.SignedBy == party,
        // The run's own frame (its opening with every party's numbers, its rounds, its end) and the audit's findings.
        NegotiationOpened or RoundStarted or RunConcluded or RunForked or ProbeAssessed or RedLineAudited => false,
        _ => throw new UnhandledEventException(e, "Hearing.IsHeardBy"),
    };

    private static bool InNegotiation(string vendor, string party, string agency) => party == agency || party == vendor;
}
