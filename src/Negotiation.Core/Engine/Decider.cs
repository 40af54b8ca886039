using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// <c>Decide(state, command) -> events</c>. Every rule of a round lives here: it resolves the parties' moves,
/// checks them against the invariants (a move that breaks one is rejected, never recorded) and emits the
/// consequences the scenario scripts: statements, responses to threats and designations, same terms for all,
/// court rulings, the deadline, the audit and the conclusion.
/// </summary>
public static class Decider
{
    public static IReadOnlyList<RunEvent> Decide(RunState state, RunCommand command) => command switch
    {
        OpenRun open => Open(state, open),
        PlayRound play => Play(state, play),
        _ => throw new InvalidMoveException($"unknown command {command.GetType().Name}"),
    };

    /// <summary>The events that open a round: the round itself, its scripted world events, rulings now due.</summary>
    public static IReadOnlyList<RunEvent> StartRound(RunState state, int round)
    {
        var buffer = new EventBuffer(state);
        StartRound(buffer, round);
        return buffer.Events;
    }

    /// <summary>The state a party decides its moves on: the last round's end plus the new round's start.</summary>
    public static RunState ViewAtStart(RunState state, int round) =>
        StartRound(state, round).Aggregate(state, Evolution.Evolve);

    private static IReadOnlyList<RunEvent> Open(RunState state, OpenRun open)
    {
        if (state.IsOpened) throw new InvalidMoveException("the run is already open");
        var buffer = new EventBuffer(state);
        var humans = open.Humans is { Count: > 0 } h ? h.Distinct().ToList() : null;
        if (humans?.FirstOrDefault(p => open.Scenario.Parties.All(party => party.Id != p)) is { } unknown)
            throw new InvalidMoveException($"no party `{unknown}` to play");
        buffer.Emit(new NegotiationOpened(open.Scenario with { Seed = open.Seed }, open.Seed, humans));
        foreach (var vendor in open.Scenario.Vendors) Statements(buffer, vendor.Id, StatementTrigger.Opened);
        return buffer.Events;
    }

    private static IReadOnlyList<RunEvent> Play(RunState state, PlayRound play)
    {
        if (!state.IsOpened) throw new InvalidMoveException("the run is not open");
        if (state.Concluded) throw new InvalidMoveException("the run has concluded");
        if (play.Round != state.Round + 1) throw new InvalidMoveException($"round {play.Round} cannot follow round {state.Round}");

        var buffer = new EventBuffer(state);
        var r = play.Round;
        StartRound(buffer, r);
        // Moves in a round are simultaneous: each is checked against the view it was chosen on, and what one
        // negotiation's resolution changes (same terms extended to all) takes effect from the next round.
        var view = buffer.State;
        foreach (var vendor in state.Scenario.Vendors)
        {
            if (!buffer.State.Negotiation(vendor.Id).IsOpen) continue;
            var agencyMove = MoveOf(play, state.AgencyId, vendor.Id);
            var vendorMove = MoveOf(play, vendor.Id, vendor.Id);
            Resolve(buffer, view, vendor, agencyMove, vendorMove, r);
        }

        if (r >= state.Scenario.Rounds)
        {
            var open = buffer.State.InVendorOrder.Where(n => n.IsOpen).Select(n => n.Vendor).ToList();
            if (open.Count > 0) buffer.Emit(new DeadlinePassed(r, open));
        }

        var settled = buffer.State.Negotiations.Values.All(n => !n.IsOpen);
        if ((r >= state.Scenario.Rounds || settled) && !buffer.State.HasPendingLawsuit(r)) Conclude(buffer, r);
        return buffer.Events;
    }

    private static Move MoveOf(PlayRound play, string party, string vendor) =>
        play.Moves.FirstOrDefault(m => m.Party == party && m.Vendor == vendor)
        ?? throw new InvalidMoveException($"round {play.Round}: no move from {party} in the negotiation with {vendor}");

    private static void StartRound(EventBuffer buffer, int r)
    {
        buffer.Emit(new RoundStarted(r));
        foreach (var world in buffer.State.Scenario.Events.Where(e => e.Round == r))
        {
            if (world.Lock is { } l) buffer.Emit(new OptionLocked(r, l.Party, l.Term, l.Option, world.Text));
            else if (world.Unlock is { } u) buffer.Emit(new OptionUnlocked(r, u.Party, u.Term, u.Option, world.Text));
            else if (world.Set is { } s) buffer.Emit(new PartyNumberSet(r, s.Party, s.Field, s.Value, world.Text));
            else if (world.Text is { } text) buffer.Emit(new NewsReported(r, text));
        }

        foreach (var n in buffer.State.InVendorOrder.ToList())
        {
            if (n.Lawsuit is not { Status: LitigationStatus.Pending } suit || suit.RulingRound != r) continue;
            var draw = SeededRandom.Draw(buffer.State.Seed, n.Vendor, suit.FiledRound, "ruling");
            buffer.Emit(new CourtRuled(r, n.Vendor, draw < buffer.State.Litigation.InjunctionProbability, draw));
            Statements(buffer, n.Vendor, StatementTrigger.Ruled);
        }
    }

    private static void Resolve(EventBuffer buffer, RunState start, VendorSpec vendor, Move agencyMove, Move vendorMove, int r)
    {
        var n = start.Negotiation(vendor.Id);
        var agencyId = start.AgencyId;

        if (agencyMove.Action == AgencyAction.Designate)
        {
            if (n.Threat is null || r <= n.Threat.DeadlineRound || !start.Scenario.Agency.Designates)
                throw new InvalidMoveException($"round {r}: {vendor.Id} cannot be designated before a threat's deadline has passed");
            Designate(buffer, vendor, r);
            return;
        }

        if (agencyMove.Kind == MoveKind.Accept)
        {
            Sign(buffer, start, vendor, n.VendorOffer ?? throw new InvalidMoveException($"round {r}: no offer from {vendor.Id} to accept"), agencyId, r);
            return;
        }
        if (vendorMove.Kind == MoveKind.Accept)
        {
            Sign(buffer, start, vendor, n.AgencyOffer ?? throw new InvalidMoveException($"round {r}: no offer to {vendor.Id} to accept"), vendor.Id, r);
            return;
        }

        if (agencyMove.Terms is { } agencyTerms)
        {
            CheckOffer(start, agencyId, vendor.Id, agencyTerms, r);
            if (n.VendorOffer is { } theirs)
                buffer.Emit(new OfferRejected(r, vendor.Id, agencyId, theirs, RunState.Crossed(start.RedLinesInForce(agencyId, vendor.Id), theirs)));
            buffer.Emit(new OfferMade(r, vendor.Id, agencyId, agencyTerms, Policy.Utilities(start, vendor.Id, agencyTerms),
                RunState.Crossed(start.RedLinesInForce(vendor.Id, vendor.Id), agencyTerms)));
        }

        if (vendorMove.Terms is { } vendorTerms)
        {
            CheckOffer(start, vendor.Id, vendor.Id, vendorTerms, r);
            if (n.AgencyOffer is { } theirs)
                buffer.Emit(new OfferRejected(r, vendor.Id, vendor.Id, theirs, RunState.Crossed(start.RedLinesInForce(vendor.Id, vendor.Id), theirs)));
            var crosses = RunState.Crossed(start.Scenario.Agency.RedLines, vendorTerms);
            buffer.Emit(new OfferMade(r, vendor.Id, vendor.Id, vendorTerms, Policy.Utilities(start, vendor.Id, vendorTerms), crosses));
            if (n.Threat is { } pending && r > pending.Round && crosses.Count == 0)
                buffer.Emit(new ThreatMet(r, vendor.Id));
        }

        if (agencyMove.Action == AgencyAction.Threaten)
        {
            var tactic = start.Scenario.Agency.Threat;
            if (tactic is null || n.Threat is not null || n.DeadlockRounds < tactic.AfterDeadlockRounds || n.VendorOfferCrosses.Count == 0)
                throw new InvalidMoveException($"round {r}: no grounds to threaten {vendor.Id}");
            // The threat is met by an offer inside all the agency's red lines, so it names all of them.
            Threaten(buffer, vendor, tactic, start.Scenario.Agency.RedLines.Select(l => l.Id).ToList(), r);
        }
        else if (buffer.State.Negotiation(vendor.Id).Threat is { } open && r > open.DeadlineRound && !start.Scenario.Agency.Designates)
        {
            buffer.Emit(new ThreatLapsed(r, vendor.Id));
        }
    }

    private static void CheckOffer(RunState state, string party, string vendor, IReadOnlyDictionary<string, string> terms, int r)
    {
        var allowed = Policy.AllowedOptions(state, party, vendor);
        var choice = Terms.ToIndexes(state.Scenario, terms);
        for (var k = 0; k < choice.Length; k++)
        {
            if (allowed[k].Contains(choice[k])) continue;
            var term = state.Scenario.Terms[k];
            throw new InvalidMoveException(
                $"round {r}: {party} may not offer {term.Id}={term.Options[choice[k]]} (a red line it holds, a lock, or a threat it conceded to)");
        }
    }

    private static void Sign(EventBuffer buffer, RunState view, VendorSpec vendor, IReadOnlyDictionary<string, string> terms, string acceptedBy, int r)
    {
        var state = view;
        foreach (var party in new[] { state.AgencyId, vendor.Id })
            if (!Policy.Acceptable(state, party, vendor.Id, terms))
                throw new InvalidMoveException($"round {r}: {party} cannot sign these terms with {vendor.Id}");

        buffer.Emit(new AgreementSigned(r, vendor.Id, acceptedBy, terms, Policy.Utilities(state, vendor.Id, terms)));
        Statements(buffer, vendor.Id, StatementTrigger.Signed);
        foreach (var rival in state.Scenario.Vendors.Where(v => v.Id != vendor.Id))
            Statements(buffer, rival.Id, StatementTrigger.RivalSigned);

        if (vendor.AsksSameTermsForAll) buffer.Emit(new SameTermsRequested(r, vendor.Id));
        var policy = state.Scenario.Agency.SameTermsForAll;
        if (policy == SameTermsPolicy.Always || (policy == SameTermsPolicy.OnRequest && buffer.State.SameTermsAsked))
        {
            var to = buffer.State.InVendorOrder.Where(n => n.IsOpen).Select(n => n.Vendor).ToList();
            if (to.Count > 0) buffer.Emit(new SameTermsExtended(r, vendor.Id, to, terms));
        }
    }

    private static void Threaten(EventBuffer buffer, VendorSpec vendor, Tactic tactic, IReadOnlyList<string> redLines, int r)
    {
        buffer.Emit(new DesignationThreatened(r, vendor.Id, r + tactic.DeadlineRounds, redLines));
        Statements(buffer, vendor.Id, StatementTrigger.Threatened);
        switch (vendor.OnThreat)
        {
            case ThreatResponse.Concede:
                var dropped = vendor.RedLines
                    .Where(l => !l.Firm && !buffer.State.Negotiation(vendor.Id).DroppedRedLines.Contains(l.Id))
                    .Select(l => l.Id).ToList();
                buffer.Emit(new RedLinesDropped(r, vendor.Id, dropped, redLines));
                break;
            case ThreatResponse.WalkAway:
                buffer.Emit(new WalkedAway(r, vendor.Id, "threatened with a supply chain risk designation"));
                Statements(buffer, vendor.Id, StatementTrigger.WalkedAway);
                break;
        }
    }

    private static void Designate(EventBuffer buffer, VendorSpec vendor, int r)
    {
        buffer.Emit(new Designated(r, vendor.Id));
        Statements(buffer, vendor.Id, StatementTrigger.Designated);
        switch (vendor.OnDesignation)
        {
            case DesignationResponse.Litigate:
                buffer.Emit(new LitigationFiled(r, vendor.Id, r + buffer.State.Litigation.RoundsToRuling));
                Statements(buffer, vendor.Id, StatementTrigger.LitigationFiled);
                break;
            case DesignationResponse.Exit:
                buffer.Emit(new VendorExited(r, vendor.Id));
                break;
        }
    }

    private static void Statements(EventBuffer buffer, string vendor, StatementTrigger trigger)
    {
        foreach (var s in buffer.State.Scenario.Vendor(vendor).Statements.Where(s => s.On == trigger))
            buffer.Emit(new StatementMade(buffer.State.Round, vendor, trigger, s.Text));
    }

    private static void Conclude(EventBuffer buffer, int r)
    {
        foreach (var e in ContractAudit.Assess(buffer.State, r)) buffer.Emit(e);
        buffer.Emit(new RunConcluded(r, buffer.State.Outcomes()));
    }
}
