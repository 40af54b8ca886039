using System.Collections.Immutable;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary><c>Evolve(state, event) -> state</c>: the only way a run's state changes.</summary>
public static class Evolution
{
    public static RunState Fold(IEnumerable<RunEvent> events) => events.Aggregate(RunState.Empty, Evolve);

    public static RunState Evolve(RunState state, RunEvent e)
    {
        // Apply copies the state for an event that changes it; one that changes nothing else is counted on a copy made
        // here. Either way the count and round are set on a copy nobody else holds yet (issue 24: one copy an event).
        var next = Apply(state, e);
        if (ReferenceEquals(next, state)) next = state with { };
        next.EventCount = state.EventCount + 1;
        next.Round = Math.Max(next.Round, e.Round);
        return next;
    }

    // No lambda here captures a variable (each takes what it needs as an argument and is static): C# would otherwise
    // allocate what they capture on every event folded, whatever its kind (issue 24).
    private static RunState Apply(RunState s, RunEvent e) => e switch
    {
        NegotiationOpened o => Open(o.Scenario, o.Seed) with { Humans = o.Humans ?? [], ScriptOffered = o.ScriptOffered == true },
        RunForked f => s with { Scenario = f.Scenario, Seed = f.Scenario.Seed, Concluded = false },
        RoundStarted r => s with { Round = r.Round, Announced = s.Announced.IsEmpty ? s.Announced : Past(s.Announced, r.Round) },
        WorldAnnounced w => Announced(s, w),
        OptionLocked l => s with { Locks = s.Locks.Add(new OptionLock(l.Party, l.Term, l.Option)) },
        OptionUnlocked u => s with { Locks = s.Locks.Remove(new OptionLock(u.Party, u.Term, u.Option)) },
        PartyNumberSet n => s with { Overrides = s.Overrides.SetItem(n.Party, SetNumber(s.OverridesOf(n.Party), n)) },
        OfferMade m => Update(s, m.Vendor, (m, FromAgency: m.From == s.AgencyId), static (n, x) => x.FromAgency
            ? n with { AgencyOffers = n.AgencyOffers.Add(x.m.Terms) }
            : n with
            {
                VendorOffers = n.VendorOffers.Add(x.m.Terms),
                VendorOfferCrosses = x.m.Crosses,
                DeadlockRounds = x.m.Crosses.Count > 0 ? n.DeadlockRounds + 1 : 0,
            }),
        // Most rejections name no red line: nothing to reveal (issue 24).
        OfferRejected { CrossedRedLines.Count: 0 } => s,
        OfferRejected r => Update(s, r.Vendor, (r, ByAgency: r.By == s.AgencyId), static (n, x) => x.ByAgency
            ? n with { RevealedByAgency = n.RevealedByAgency.Union(x.r.CrossedRedLines) }
            : n with { RevealedByVendor = n.RevealedByVendor.Union(x.r.CrossedRedLines) }),
        AgreementSigned a => Update(s, a.Vendor, a, static (n, a) => n with { End = new NegotiationEnd.Signed(a), Threat = null }),
        WalkedAway w => Update(s, w.Vendor, w, static (n, w) => n with { End = new NegotiationEnd.WalkedAway(w.Round), Threat = null }),
        DesignationThreatened t => Update(s, t.Vendor, t, static (n, t) => n with
        {
            Threat = new Threat(t.Round, t.DeadlineRound, t.RedLines),
            Threats = n.Threats + 1,
        }),
        ThreatMet t => Update(s, t.Vendor, t, static (n, _) => n with { Threat = null, DeadlockRounds = 0 }),
        ThreatLapsed t => Update(s, t.Vendor, t, static (n, _) => n with { Threat = null, DeadlockRounds = 0 }),
        RedLinesDropped d => Update(s, d.Vendor, d, static (n, d) => n with
        {
            DroppedRedLines = n.DroppedRedLines.Union(d.RedLines),
            ConcededTo = d.Respects,
        }),
        Designated d => Update(s, d.Vendor, d, static (n, d) => n with { End = new NegotiationEnd.Designated(d.Round), Threat = null }),
        LitigationFiled l => Update(s, l.Vendor, l, static (n, l) => n with
        {
            Lawsuit = new Lawsuit(l.Round, l.RulingRound, LitigationStatus.Pending),
            LitigationRounds = n.LitigationRounds + (l.RulingRound - l.Round),
        }),
        VendorExited x => Update(s, x.Vendor, x, static (n, _) => n with { Exited = true }),
        DesignationLifted d => Update(s, d.Vendor, d, static (n, d) => n with
        {
            End = null,
            Threat = null,
            DeadlockRounds = 0,
            Reopened = (d.Round, d.DeadlineRound),
        }),
        CourtRuled c => Update(s, c.Vendor, c, static (n, c) => n with
        {
            Lawsuit = n.Lawsuit! with { Status = c.InjunctionGranted ? LitigationStatus.InjunctionGranted : LitigationStatus.InjunctionDenied },
        }),
        SameTermsRequested => s with { SameTermsAsked = true },
        SameTermsExtended x => Each(s, x.To, x, static (n, x) => n with
        {
            SameTerms = x.Terms,
            AgencyOffers = n.AgencyOffers.Add(x.Terms),
        }),
        DeadlinePassed d => Each(s, d.Vendors, d, static (n, d) => n with
        {
            End = new NegotiationEnd.Deadline(d.Round), Threat = null,
        }),
        RedLineDropped d => Update(s, d.Vendor, (d, ByAgency: d.Party == s.AgencyId), static (n, x) => x.ByAgency
            ? n with { AgencyDroppedRedLines = n.AgencyDroppedRedLines.Add(x.d.RedLine) }
            : n with { DroppedRedLines = n.DroppedRedLines.Add(x.d.RedLine) }),
        RunConcluded => s with { Concluded = true },
        // Recorded for the reader and the audit; they change nothing a later decision depends on.
        NewsReported or StatementMade or ProbeAssessed or RedLineAudited or PolicyStoodIn or ChoiceWeighed => s,
        _ => throw new UnhandledEventException(e, "Evolution (the fold)"),
    };

    private static ImmutableList<WorldEvent> Past(ImmutableList<WorldEvent> announced, int round) => announced.RemoveAll(w => w.Round <= round);

    private static RunState Announced(RunState s, WorldAnnounced w) => s with
    {
        Announced = s.Announced.Add(w.World),
        // What the decider recorded; only a stream stored before it did asks the rule here.
        BroughtForward = (w.BringsForward ?? (Rules.BringsForward(s, w.World) is { } scripted ? [scripted] : [])) is { Count: > 0 } forward
            ? s.BroughtForward.AddRange(forward)
            : s.BroughtForward,
    };

    private static RunState Open(Scenario scenario, int seed) => RunState.Empty with
    {
        Scenario = scenario,
        Seed = seed,
        Round = 0,
        Negotiations = scenario.Vendors.ToImmutableDictionary(v => v.Id, v => NegotiationState.Start(v.Id)),
        Locks = InitialLocks(scenario),
    };

    /// <summary>An option that a world event unlocks, with no lock scripted before it, starts locked.</summary>
    public static ImmutableHashSet<OptionLock> InitialLocks(Scenario scenario) => scenario.Events.Count == 0 ? [] :
        scenario.Events
            .Where(e => e.Unlock is not null)
            .Where(e => !scenario.Events.Any(l => l.Lock is not null && l.Round <= e.Round && l.Lock == e.Unlock))
            .Select(e => new OptionLock(e.Unlock!.Party, e.Unlock.Term, e.Unlock.Option))
            .ToImmutableHashSet();

    private static PartyOverrides SetNumber(PartyOverrides o, PartyNumberSet n) => n.Field switch
    {
        "reservation" => o with { Reservation = n.Value },
        "strategy.exponent" => o with { Exponent = n.Value },
        _ when NumberFields.WeightTerm(n.Field) is { } term => o with { Weights = o.Weights.SetItem(term, n.Value) },
        _ => o,
    };

    private static RunState Update<T>(RunState s, string vendor, T arg, Func<NegotiationState, T, NegotiationState> change) =>
        s with { Negotiations = s.Negotiations.SetItem(vendor, change(s.Negotiations[vendor], arg)) };

    private static RunState Each<T>(RunState s, IReadOnlyList<string> vendors, T arg, Func<NegotiationState, T, NegotiationState> change)
    {
        foreach (var vendor in vendors) s = Update(s, vendor, arg, change);
        return s;
    }
}
