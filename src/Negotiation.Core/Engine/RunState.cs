using System.Diagnostics;
using System.Collections.Immutable;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

public enum NegotiationStatus { Open, Agreement, WalkedAway, Designated, Deadline }

/// <summary>A pending "supply chain risk" threat against one vendor.</summary>
public sealed record Threat(int Round, int DeadlineRound, IReadOnlyList<string> RedLines);

public sealed record Lawsuit(int FiledRound, int RulingRound, LitigationStatus Status);

/// <summary>
/// How a negotiation ended (closed; null while it is open), each case with what only it has: a signature has its
/// agreement, and no other ending has one (issue 22: the state could hold an agreement status without its terms).
/// </summary>
public abstract record NegotiationEnd
{
    private NegotiationEnd(int round) => Round = round;

    /// <summary>The round it ended in.</summary>
    public int Round { get; }

    public sealed record Signed(AgreementSigned Agreement) : NegotiationEnd(Agreement.Round);

    public sealed record WalkedAway(int At) : NegotiationEnd(At);

    public sealed record Designated(int At) : NegotiationEnd(At);

    public sealed record Deadline(int At) : NegotiationEnd(At);
}

/// <summary>The agency's negotiation with one vendor.</summary>
public sealed record NegotiationState(
    string Vendor,
    NegotiationEnd? End,
    OfferHistory AgencyOffers,
    OfferHistory VendorOffers,
    IReadOnlyList<string> VendorOfferCrosses,
    int DeadlockRounds,
    Threat? Threat,
    int Threats,
    IReadOnlyList<string>? ConcededTo,
    ImmutableHashSet<string> DroppedRedLines,
    IReadOnlyDictionary<string, string>? SameTerms,
    Lawsuit? Lawsuit,
    ImmutableHashSet<string> RevealedByAgency,
    ImmutableHashSet<string> RevealedByVendor,
    ImmutableHashSet<string> AgencyDroppedRedLines)
{
    public static NegotiationState Start(string vendor) => new(
        vendor, null, OfferHistory.Empty, OfferHistory.Empty, [], 0, null, 0, null, [], null, null, [], [], []);

    public bool IsOpen => End is null;

    /// <summary>Where the negotiation stands: open, or how it ended.</summary>
    public NegotiationStatus Status => End switch
    {
        null => NegotiationStatus.Open,
        NegotiationEnd.Signed => NegotiationStatus.Agreement,
        NegotiationEnd.WalkedAway => NegotiationStatus.WalkedAway,
        NegotiationEnd.Designated => NegotiationStatus.Designated,
        NegotiationEnd.Deadline => NegotiationStatus.Deadline,
        _ => throw new UnreachableException(),
    };

    /// <summary>The round the negotiation ended in; 0 while it is open.</summary>
    public int EndRound => End?.Round ?? 0;

    /// <summary>The signed agreement, when the negotiation ended in one.</summary>
    public AgreementSigned? Agreement => (End as NegotiationEnd.Signed)?.Agreement;

    public IReadOnlyDictionary<string, string>? AgencyOffer => AgencyOffers.IsEmpty ? null : AgencyOffers[^1];

    public IReadOnlyDictionary<string, string>? VendorOffer => VendorOffers.IsEmpty ? null : VendorOffers[^1];

    public OfferHistory OffersBy(bool agency) => agency ? AgencyOffers : VendorOffers;

    /// <summary>The designated vendor left the market.</summary>
    public bool Exited { get; init; }

    /// <summary>The rounds from filing to ruling of every lawsuit the vendor filed: what its litigation costs it.</summary>
    public int LitigationRounds { get; init; }

    /// <summary>An injunction lifted the vendor's designation (which always reopens it): the agency may not threaten it again.</summary>
    public bool Enjoined => Reopened is not null;

    /// <summary>The round a lifted designation reopened the negotiation in, and the last round it stays open.</summary>
    public (int Round, int Deadline)? Reopened { get; init; }
}

/// <summary>A party's numbers as changed by world events since the scenario was written.</summary>
public sealed record PartyOverrides(double? Reservation, double? Exponent, ImmutableDictionary<string, double> Weights)
{
    public static PartyOverrides None { get; } = new(null, null, ImmutableDictionary<string, double>.Empty);
}

public sealed record OptionLock(string Party, string Term, string Option);

/// <summary>A run's state: the fold of its events.</summary>
public sealed record RunState(
    Scenario Scenario,
    int Seed,
    int Round,
    bool Concluded,
    ImmutableDictionary<string, NegotiationState> Negotiations,
    ImmutableDictionary<string, PartyOverrides> Overrides,
    ImmutableHashSet<OptionLock> Locks,
    bool SameTermsAsked,
    int EventCount,
    IReadOnlyList<string> Humans)
{
    /// <summary>The last round an event of the run was in.</summary>
    // Set by the fold on the copy it has just made for an event (issue 24: one copy per event, not two); never on a
    // state anybody else holds.
    public int Round { get; internal set; } = Round;

    /// <summary>How many events have been folded.</summary>
    public int EventCount { get; internal set; } = EventCount;

    /// <summary>World events announced live and not yet due (see <see cref="AnnounceWorld"/>).</summary>
    public ImmutableList<WorldEvent> Announced { get; init; } = [];

    /// <summary>Scripted world events an announcement brought forward: they are not played again in their own round.</summary>
    public ImmutableList<WorldEvent> BroughtForward { get; init; } = [];

    /// <summary>The script is offered to the persons as choices, not made for them (<see cref="NegotiationOpened.ScriptOffered"/>).</summary>
    public bool ScriptOffered { get; init; }

    /// <summary>Whether the scenario's statements and same-terms request for this party are a person's to choose.</summary>
    public bool ChoosesOwnScript(string party) => ScriptOffered && Humans.Contains(party);

    public static RunState Empty { get; } = new(
        new Scenario("", null, null, 1, 1, [], new AgencySpec("", "", new Dictionary<string, Preference>(), [], 0,
            StrategySpec.Default, SameTermsPolicy.Never, []), [], null, [], []),
        1, 0, false, ImmutableDictionary<string, NegotiationState>.Empty,
        ImmutableDictionary<string, PartyOverrides>.Empty, [], false, 0, []);

    public bool IsOpened => EventCount > 0;

    public string AgencyId => Scenario.Agency.Id;

    public NegotiationState Negotiation(string vendor) => Negotiations[vendor];

    public IEnumerable<NegotiationState> InVendorOrder
    {
        get
        {
            var vendors = Scenario.Vendors;
            for (var v = 0; v < vendors.Count; v++) yield return Negotiations[vendors[v].Id];
        }
    }

    /// <summary>The negotiations the party sits in, in vendor order: every one for the agency, its own for a vendor.</summary>
    public IEnumerable<NegotiationState> NegotiationsOf(string party) => NegotiationsOf(party, openOnly: false);

    /// <summary>The negotiations the party sits in that are still open: where it makes a bargaining move each round.</summary>
    public IEnumerable<NegotiationState> OpenNegotiationsOf(string party) => NegotiationsOf(party, openOnly: true);

    // One loop for both (issue 24: the chained filters allocated an iterator and a closure each, every round).
    private IEnumerable<NegotiationState> NegotiationsOf(string party, bool openOnly)
    {
        var agency = party == AgencyId;
        var vendors = Scenario.Vendors;
        for (var v = 0; v < vendors.Count; v++)
        {
            if (!agency && vendors[v].Id != party) continue;
            var n = Negotiations[vendors[v].Id];
            if (!openOnly || n.IsOpen) yield return n;
        }
    }

    public LitigationSpec Litigation => Scenario.Litigation ?? LitigationSpec.Default;

    /// <summary>The last round of a negotiation: the scenario's deadline, or a reopened negotiation's own.</summary>
    public int DeadlineOf(NegotiationState n) => n.Reopened?.Deadline ?? Scenario.Rounds;

    /// <summary>
    /// Where a negotiation stands in its own time, for a concession strategy: the round and the rounds it has, counted
    /// from its start, or from its reopening for one an injunction reopened.
    /// </summary>
    public (int Round, int Rounds) ClockOf(NegotiationState n) =>
        n.Reopened is { } r ? (Round - r.Round + 1, r.Deadline - r.Round + 1) : (Round, Scenario.Rounds);

    public PartyOverrides OverridesOf(string party) => Overrides.GetValueOrDefault(party, PartyOverrides.None);

    public double Reservation(string party) => OverridesOf(party).Reservation ?? Scenario.Party(party).Reservation;

    public double Exponent(string party) =>
        OverridesOf(party).Exponent ?? Scenario.Party(party).Strategy.EffectiveExponent;

    public UtilityModel Model(string party) => UtilityModel.For(Scenario, party, OverridesOf(party).Weights);

    public bool IsLocked(string party, string term, string option) => !Locks.IsEmpty && Locks.Contains(new OptionLock(party, term, option));

    /// <summary>The first red line the party holds in the vendor's negotiation that this option of this term crosses.</summary>
    public RedLine? RedLineCrossed(string party, string vendor, string term, string option)
    {
        // What was dropped is looked up only for a line the option crosses: asked for every option of every term each
        // round, and most options cross nothing (issue 24).
        var lines = Scenario.Party(party).RedLines;
        for (var l = 0; l < lines.Count; l++)
            if (lines[l].Term == term && !lines[l].Allows(option) && !DroppedBy(party, vendor).Contains(lines[l].Id)) return lines[l];
        return null;
    }

    /// <summary>The red lines the party has dropped in the vendor's negotiation.</summary>
    public ImmutableHashSet<string> DroppedBy(string party, string vendor) =>
        party == AgencyId ? Negotiations[vendor].AgencyDroppedRedLines : Negotiations[vendor].DroppedRedLines;

    /// <summary>The red lines a party still holds in one vendor's negotiation (either side may have dropped some).</summary>
    public IEnumerable<RedLine> RedLinesInForce(string party, string vendor)
    {
        var dropped = DroppedBy(party, vendor);
        var lines = Scenario.Party(party).RedLines;
        // Most negotiations drop nothing: the party's own list, without a filter (issue 24: asked for every offer).
        return dropped.IsEmpty ? lines : Kept(lines, dropped);
    }

    private static IEnumerable<RedLine> Kept(IReadOnlyList<RedLine> lines, ImmutableHashSet<string> dropped) => lines.Where(r => !dropped.Contains(r.Id));

    public static IReadOnlyList<string> Crossed(IEnumerable<RedLine> redLines, IReadOnlyDictionary<string, string> terms)
    {
        List<string>? crossed = null;
        foreach (var r in redLines)
            if (terms.TryGetValue(r.Term, out var o) && !r.Allows(o)) (crossed ??= new(1)).Add(r.Id);
        return crossed is null ? Array.Empty<string>() : crossed;
    }

    /// <summary>Each vendor's outcome as the state stands, in the order the vendors appear in the scenario.</summary>
    public IReadOnlyList<Outcome> Outcomes() => InVendorOrder.Select(OutcomeOf).ToList();

    // An open negotiation stands as of the state's round; an ended one as of the round it ended.
    private Outcome OutcomeOf(NegotiationState n) => new(
        n.Vendor,
        n.Status switch
        {
            NegotiationStatus.Agreement => OutcomeResult.Agreement,
            NegotiationStatus.WalkedAway => OutcomeResult.WalkedAway,
            NegotiationStatus.Designated => OutcomeResult.Designated,
            NegotiationStatus.Deadline => OutcomeResult.Deadline,
            NegotiationStatus.Open => OutcomeResult.Open,
            _ => throw new InvalidOperationException($"no outcome for {n.Status}"),
        },
        n.IsOpen ? Round : n.EndRound,
        n.Agreement?.Terms,
        n.Agreement?.Utilities,
        n.Lawsuit?.Status);

    public bool HasPendingLawsuit(int afterRound)
    {
        foreach (var n in InVendorOrder)
            if (n.Lawsuit is { Status: LitigationStatus.Pending } l && l.RulingRound > afterRound) return true;
        return false;
    }
}
