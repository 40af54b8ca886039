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
        var next = Apply(state, e) with { EventCount = state.EventCount + 1 };
        return e.Round > next.Round ? next with { Round = e.Round } : next;
    }

    private static RunState Apply(RunState s, RunEvent e) => e switch
    {
        NegotiationOpened o => Open(o.Scenario, o.Seed) with { Humans = o.Humans ?? [], ScriptOffered = o.ScriptOffered == true },
        RunForked f => s with { Scenario = f.Scenario, Seed = f.Scenario.Seed, Concluded = false },
        RoundStarted r => s with { Round = r.Round, Announced = s.Announced.RemoveAll(w => w.Round <= r.Round) },
        WorldAnnounced w => s with
        {
            Announced = s.Announced.Add(w.World),
            // What the decider recorded; only a stream stored before it did asks the rule here.
            BroughtForward = (w.BringsForward ?? (Rules.BringsForward(s, w.World) is { } scripted ? [scripted] : [])) is { Count: > 0 } forward
                ? s.BroughtForward.AddRange(forward)
                : s.BroughtForward,
        },
        OptionLocked l => s with { Locks = s.Locks.Add(new OptionLock(l.Party, l.Term, l.Option)) },
        OptionUnlocked u => s with { Locks = s.Locks.Remove(new OptionLock(u.Party, u.Term, u.Option)) },
        PartyNumberSet n => s with { Overrides = s.Overrides.SetItem(n.Party, SetNumber(s.OverridesOf(n.Party), n)) },
        OfferMade m => Update(s, m.Vendor, n => m.From == s.AgencyId
            ? n with { AgencyOffers = n.AgencyOffers.Add(m.Terms) }
            : n with
            {
                VendorOffers = n.VendorOffers.Add(m.Terms),
                VendorOfferCrosses = m.Crosses,
                DeadlockRounds = m.Crosses.Count > 0 ? n.DeadlockRounds + 1 : 0,
            }),
        OfferRejected r => Update(s, r.Vendor, n => r.By == s.AgencyId
            ? n with { RevealedByAgency = n.RevealedByAgency.Union(r.CrossedRedLines) }
            : n with { RevealedByVendor = n.RevealedByVendor.Union(r.CrossedRedLines) }),
        AgreementSigned a => Update(s, a.Vendor, n => n with { End = new NegotiationEnd.Signed(a), Threat = null }),
        WalkedAway w => Update(s, w.Vendor, n => n with { End = new NegotiationEnd.WalkedAway(w.Round), Threat = null }),
        DesignationThreatened t => Update(s, t.Vendor, n => n with
        {
            Threat = new Threat(t.Round, t.DeadlineRound, t.RedLines),
            Threats = n.Threats + 1,
        }),
        ThreatMet t => Update(s, t.Vendor, n => n with { Threat = null, DeadlockRounds = 0 }),
        ThreatLapsed t => Update(s, t.Vendor, n => n with { Threat = null, DeadlockRounds = 0 }),
        RedLinesDropped d => Update(s, d.Vendor, n => n with
        {
            DroppedRedLines = n.DroppedRedLines.Union(d.RedLines),
            ConcededTo = d.Respects,
        }),
        Designated d => Update(s, d.Vendor, n => n with { End = new NegotiationEnd.Designated(d.Round), Threat = null }),
        LitigationFiled l => Update(s, l.Vendor, n => n with
        {
            Lawsuit = new Lawsuit(l.Round, l.RulingRound, LitigationStatus.Pending),
            LitigationRounds = n.LitigationRounds + (l.RulingRound - l.Round),
        }),
        VendorExited x => Update(s, x.Vendor, n => n with { Exited = true }),
        DesignationLifted d => Update(s, d.Vendor, n => n with
        {
            End = null,
            Threat = null,
            DeadlockRounds = 0,
            Reopened = (d.Round, d.DeadlineRound),
        }),
        CourtRuled c => Update(s, c.Vendor, n => n with
        {
            Lawsuit = n.Lawsuit! with { Status = c.InjunctionGranted ? LitigationStatus.InjunctionGranted : LitigationStatus.InjunctionDenied },
        }),
        SameTermsRequested => s with { SameTermsAsked = true },
        SameTermsExtended x => x.To.Aggregate(s, (acc, v) => Update(acc, v, n => n with
        {
            SameTerms = x.Terms,
            AgencyOffers = n.AgencyOffers.Add(x.Terms),
        })),
        DeadlinePassed d => d.Vendors.Aggregate(s, (acc, v) => Update(acc, v, n => n with
        {
            End = new NegotiationEnd.Deadline(d.Round), Threat = null,
        })),
        RedLineDropped d => Update(s, d.Vendor, n => d.Party == s.AgencyId
            ? n with { AgencyDroppedRedLines = n.AgencyDroppedRedLines.Add(d.RedLine) }
            : n with { DroppedRedLines = n.DroppedRedLines.Add(d.RedLine) }),
        RunConcluded => s with { Concluded = true },
        // Recorded for the reader and the audit; they change nothing a later decision depends on.
        NewsReported or StatementMade or ProbeAssessed or RedLineAudited or PolicyStoodIn or ChoiceWeighed => s,
        _ => throw new UnhandledEventException(e, "Evolution (the fold)"),
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
    public static ImmutableHashSet<OptionLock> InitialLocks(Scenario scenario) =>
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

    private static RunState Update(RunState s, string vendor, Func<NegotiationState, NegotiationState> change) =>
        s with { Negotiations = s.Negotiations.SetItem(vendor, change(s.Negotiations[vendor])) };
}
