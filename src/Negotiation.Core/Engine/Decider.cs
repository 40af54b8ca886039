using System.Diagnostics;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// <c>Decide(state, command) -> events</c>. It resolves a round's moves, refusing any that <see cref="Rules"/>
/// refuses (a refused move is never recorded), and emits the consequences the scenario scripts: statements,
/// same terms for all, court rulings, the deadline, the audit and the conclusion. Decisions a round raises (a
/// threatened or designated vendor's answer) are moves of that round: <see cref="NextQuestion"/> says which one
/// the round still waits for.
/// </summary>
public static class Decider
{
    public static IReadOnlyList<RunEvent> Decide(RunState state, RunCommand command) => command switch
    {
        OpenRun open => Open(state, open),
        PlayRound play => Play(state, play),
        ForkRun fork => Fork(state, fork),
        AnnounceWorld announce => Announce(state, announce),
        // RunCommand's constructor is private to the core: these four are all there are.
        _ => throw new UnreachableException(),
    };

    /// <summary>The first decision the round raises that none of its moves answers, or null when it can be decided.</summary>
    public static Question? NextQuestion(RunState state, PlayRound play) => (Attempt(state, play) as RoundResolution.NeedsAnswer)?.Question;

    /// <summary>
    /// The round resolved once (issue 22: the run actor resolved each round twice, asking first and deciding after):
    /// its events, or the first decision it raises that none of its moves answers. A move the rules refuse still
    /// throws <see cref="InvalidMoveException"/>.
    /// </summary>
    public static RoundResolution Attempt(RunState state, PlayRound play) => Resolve(state, play);

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
        // Numbers written as ranges are drawn here, from the seed: the first event records the scenario as run.
        buffer.Emit(new NegotiationOpened(Uncertainty.Draw(open.Scenario with { Seed = open.Seed }, open.Seed), open.Seed, humans)
        {
            ScriptOffered = humans is null || open.ScriptOffered == false ? null : true,
        });
        foreach (var vendor in open.Scenario.Vendors) Statements(buffer, vendor.Id, StatementTrigger.Opened);
        return buffer.Events;
    }

    // The round after the one being played: its parties have chosen, or are choosing, on the view at its start.
    private static IReadOnlyList<RunEvent> Announce(RunState state, AnnounceWorld announce)
    {
        if (!state.IsOpened) throw new InvalidMoveException("the run is not open");
        if (state.Concluded) throw new InvalidMoveException("the run has concluded");
        Refuse(Rules.MayAnnounce(state, announce.World), "announcement");
        var world = announce.World with { Round = state.Round + 2 };
        return [new WorldAnnounced(state.Round, world) { BringsForward = Rules.BringsForward(state, world) is { } scripted ? [scripted] : [] }];
    }

    private static IReadOnlyList<RunEvent> Fork(RunState state, ForkRun fork)
    {
        Refuse(Rules.MayFork(state, fork.AtRound, fork.Scenario), $"fork at round {fork.AtRound}");
        return [new RunForked(fork.AtRound, fork.ParentRunId, fork.AtRound, fork.Scenario, fork.Changes)];
    }

    private static IReadOnlyList<RunEvent> Play(RunState state, PlayRound play) => Resolve(state, play) switch
    {
        RoundResolution.Decided decided => decided.Events,
        RoundResolution.NeedsAnswer { Question: var question } => throw new InvalidMoveException($"round {play.Round}: {question.Party} has not answered the {question switch
        {
            Question.ThreatAnswer => "threat",
            Question.DesignationAnswer => "designation",
            _ => throw new UnreachableException(),
        }}"),
        _ => throw new UnreachableException(),
    };

    // The round's events, or the first decision its moves do not answer: the resolution stops there, and is
    // attempted again, from the start, once the answer is among the moves.
    private static RoundResolution Resolve(RunState state, PlayRound play)
    {
        if (!state.IsOpened) throw new InvalidMoveException("the run is not open");
        if (state.Concluded) throw new InvalidMoveException("the run has concluded");
        if (play.Round != state.Round + 1) throw new InvalidMoveException($"round {play.Round} cannot follow round {state.Round}");

        var buffer = new EventBuffer(state);
        var r = play.Round;
        var round = new RoundMoves(play);
        StartRound(buffer, r);
        foreach (var standIn in play.StoodIn ?? [])
        {
            if (!state.Humans.Contains(standIn.Party)) throw new InvalidMoveException($"round {r}: {standIn.Party} is not played by a person, so the policy cannot stand in for one");
            buffer.Emit(new PolicyStoodIn(r, standIn.Party, standIn.Reason));
        }
        // Statements and dropped red lines come first: a party's offer this round may use what it just gave up.
        foreach (var party in state.Scenario.Parties)
        {
            var speeches = round.Of<Move.Speak>(party.Id);
            Refuse(Rules.MaySpeakSoOften(speeches.Count), r, party.Id);
            foreach (var speak in speeches)
            {
                Refuse(Rules.MaySpeak(buffer.State, party.Id, speak.Text), r, party.Id);
                buffer.Emit(new StatementMade(r, party.Id, StatementTrigger.Unprompted, speak.Text.Trim()));
            }
            foreach (var drop in round.Of<Move.DropRedLine>(party.Id))
            {
                Refuse(Rules.MayDropRedLine(buffer.State, party.Id, drop.Vendor, drop.RedLine), r, party.Id);
                buffer.Emit(new RedLineDropped(r, drop.Vendor, party.Id, drop.RedLine));
            }
        }

        // Moves in a round are simultaneous: each is checked against the view it was chosen on, and what one
        // negotiation's resolution changes (same terms extended to all) takes effect from the next round.
        var view = buffer.State;
        for (var v = 0; v < state.Scenario.Vendors.Count; v++)
        {
            var vendor = state.Scenario.Vendors[v];
            if (!buffer.State.Negotiation(vendor.Id).IsOpen)
            {
                if (round.InNegotiation(vendor.Id).FirstOrDefault(m => m is not Move.AnswerThreat and not Move.AnswerDesignation) is { } late)
                    throw new InvalidMoveException($"round {r}: {late.Party}: the negotiation with {vendor.Id} is over");
                continue;
            }
            Resolve(buffer, view, vendor, round, r);
            if (buffer.Pending is { } question) return new RoundResolution.NeedsAnswer(question);
        }
        AskedForSameTerms(buffer, view, round, r);
        round.CheckAllAnswersUsed(r);

        // Each open negotiation ends at its deadline: the scenario's, or a reopened negotiation's own.
        List<string>? due = null;
        var settled = true;
        foreach (var n in buffer.State.InVendorOrder)
        {
            if (n.IsOpen && r >= buffer.State.DeadlineOf(n)) (due ??= []).Add(n.Vendor);
            else if (n.IsOpen) settled = false;
        }
        if (due is not null) buffer.Emit(new DeadlinePassed(r, due));

        // Past the deadline every negotiation has ended, so the run concludes once no lawsuit awaits its ruling.
        if (settled && !buffer.State.HasPendingLawsuit(r)) Conclude(buffer, r);
        return new RoundResolution.Decided(buffer.Events, buffer.State);
    }

    private static void StartRound(EventBuffer buffer, int r)
    {
        // Loops, not queries: every round of every run passes here, mostly with nothing scripted (issue 24).
        var state = buffer.State;
        List<WorldEvent>? due = null;
        var events = state.Scenario.Events;
        for (var i = 0; i < events.Count; i++)
            if (events[i].Round == r && !state.BroughtForward.Contains(events[i])) (due ??= []).Add(events[i]);
        if (!state.Announced.IsEmpty)
            foreach (var w in state.Announced)
                if (w.Round == r) (due ??= []).Add(w);
        buffer.Emit(new RoundStarted(r));
        foreach (var world in (IReadOnlyList<WorldEvent>?)due ?? [])
        {
            if (world.Lock is { } l) buffer.Emit(new OptionLocked(r, l.Party, l.Term, l.Option, world.Text));
            else if (world.Unlock is { } u) buffer.Emit(new OptionUnlocked(r, u.Party, u.Term, u.Option, world.Text));
            else if (world.Set is { } s) buffer.Emit(new PartyNumberSet(r, s.Party, s.Field, s.Value, world.Text));
            else if (world.Text is { } text) buffer.Emit(new NewsReported(r, text));
        }

        for (var v = 0; v < buffer.State.Scenario.Vendors.Count; v++)
        {
            var n = buffer.State.Negotiation(buffer.State.Scenario.Vendors[v].Id);
            if (n.Lawsuit is not { Status: LitigationStatus.Pending } suit || suit.RulingRound != r) continue;
            var draw = SeededRandom.Draw(buffer.State.Seed, n.Vendor, suit.FiledRound, "ruling");
            var litigation = buffer.State.Litigation;
            var granted = draw < litigation.InjunctionProbability;
            buffer.Emit(new CourtRuled(r, n.Vendor, granted, draw));
            if (granted && litigation.AfterInjunction == AfterInjunction.Reopen)
                buffer.Emit(new DesignationLifted(r, n.Vendor, Checked(r, litigation.RoundsReopened(buffer.State.Scenario.Rounds) - 1)));
            Statements(buffer, n.Vendor, StatementTrigger.Ruled);
        }
    }

    private static void Resolve(EventBuffer buffer, RunState start, VendorSpec vendor, RoundMoves round, int r)
    {
        var n = start.Negotiation(vendor.Id);
        var agencyId = start.AgencyId;
        if (round.Has<Move.Designate>(agencyId, vendor.Id))
        {
            // A designation ends the negotiation: whatever else either side did in it this round is moot.
            Refuse(Rules.MayDesignate(start, agencyId, vendor.Id), r, agencyId);
            Designate(buffer, vendor, round, r);
            return;
        }

        var agencyMove = round.Bargaining(agencyId, vendor.Id);
        var vendorMove = round.Bargaining(vendor.Id, vendor.Id);
        var threatens = round.Has<Move.Threaten>(agencyId, vendor.Id);

        if (agencyMove is Move.Accept agencyAccepts)
        {
            Refuse(Rules.MayAccept(start, agencyId, vendor.Id, agencyAccepts.Seen), r, agencyId);
            Sign(buffer, start, vendor, n.VendorOffer!, agencyId, r);
            return;
        }
        if (vendorMove is Move.Accept vendorAccepts)
        {
            Refuse(Rules.MayAccept(start, vendor.Id, vendor.Id, vendorAccepts.Seen), r, vendor.Id);
            Sign(buffer, start, vendor, n.AgencyOffer!, vendor.Id, r);
            return;
        }

        if (agencyMove is Move.Offer { Terms: var agencyTerms })
        {
            Refuse(Rules.MayOffer(start, agencyId, vendor.Id, agencyTerms), r, agencyId);
            if (n.VendorOffer is { } theirs)
                buffer.Emit(new OfferRejected(r, vendor.Id, agencyId, theirs, RunState.Crossed(start.RedLinesInForce(agencyId, vendor.Id), theirs)));
            buffer.Emit(new OfferMade(r, vendor.Id, agencyId, agencyTerms, Rules.Utilities(start, vendor.Id, agencyTerms),
                RunState.Crossed(start.RedLinesInForce(vendor.Id, vendor.Id), agencyTerms)));
        }

        if (vendorMove is Move.Offer { Terms: var vendorTerms })
        {
            Refuse(Rules.MayOffer(start, vendor.Id, vendor.Id, vendorTerms), r, vendor.Id);
            if (n.AgencyOffer is { } theirs)
                buffer.Emit(new OfferRejected(r, vendor.Id, vendor.Id, theirs, RunState.Crossed(start.RedLinesInForce(vendor.Id, vendor.Id), theirs)));
            var crosses = RunState.Crossed(start.RedLinesInForce(agencyId, vendor.Id), vendorTerms);
            buffer.Emit(new OfferMade(r, vendor.Id, vendor.Id, vendorTerms, Rules.Utilities(start, vendor.Id, vendorTerms), crosses));
            if (n.Threat is { } pending && r > pending.Round && crosses.Count == 0)
                buffer.Emit(new ThreatMet(r, vendor.Id));
        }

        if (threatens)
        {
            Refuse(Rules.MayThreaten(start, agencyId, vendor.Id), r, agencyId);
            Threaten(buffer, vendor, start.Scenario.Agency.Threat!, round, r);
        }
        else if (buffer.State.Negotiation(vendor.Id).Threat is { } open && r > open.DeadlineRound && !start.Scenario.Agency.Designates)
        {
            buffer.Emit(new ThreatLapsed(r, vendor.Id));
        }
    }

    private static void Sign(EventBuffer buffer, RunState view, VendorSpec vendor, IReadOnlyDictionary<string, string> terms, string acceptedBy, int r)
    {
        buffer.Emit(new AgreementSigned(r, vendor.Id, acceptedBy, terms, Rules.Utilities(view, vendor.Id, terms)));
        Statements(buffer, vendor.Id, StatementTrigger.Signed);
        foreach (var rival in view.Scenario.Vendors.Where(v => v.Id != vendor.Id))
            Statements(buffer, rival.Id, StatementTrigger.RivalSigned);

        // A person asks or not by their own move (AskSameTerms), never by the file's word.
        if (vendor.AsksSameTermsForAll && !view.ChoosesOwnScript(vendor.Id)) buffer.Emit(new SameTermsRequested(r, vendor.Id));
        var policy = view.Scenario.Agency.SameTermsForAll;
        if (policy == SameTermsPolicy.Always || (policy == SameTermsPolicy.OnRequest && buffer.State.SameTermsAsked))
            Extend(buffer, vendor.Id, terms, r);
    }

    private static void Extend(EventBuffer buffer, string signedBy, IReadOnlyDictionary<string, string> terms, int r)
    {
        var to = buffer.State.InVendorOrder.Where(n => n.IsOpen).Select(n => n.Vendor).ToList();
        if (to.Count > 0) buffer.Emit(new SameTermsExtended(r, signedBy, to, terms));
    }

    /// <summary>
    /// A person's request that every vendor be offered the same terms (classroom.md 1.1: offered as a choice): made
    /// with a bargaining move, it takes effect at the end of the round if the vendor signed in it, as a scripted
    /// request would have at its signature; the agency extends the terms where it does so on request.
    /// </summary>
    private static void AskedForSameTerms(EventBuffer buffer, RunState view, RoundMoves round, int r)
    {
        for (var v = 0; v < view.Scenario.Vendors.Count; v++)
        {
            var vendor = view.Scenario.Vendors[v];
            if (round.Of<Move.AskSameTerms>(vendor.Id).Count == 0) continue;
            Refuse(Rules.MayAskSameTerms(view, vendor.Id), r, vendor.Id);
            if (buffer.State.Negotiation(vendor.Id).Agreement is not { } signed || buffer.State.SameTermsAsked) continue;
            buffer.Emit(new SameTermsRequested(r, vendor.Id));
            if (view.Scenario.Agency.SameTermsForAll == SameTermsPolicy.OnRequest) Extend(buffer, vendor.Id, signed.Terms, r);
        }
    }

    private static void Threaten(EventBuffer buffer, VendorSpec vendor, Tactic tactic, RoundMoves round, int r)
    {
        // The threat is met by an offer inside all the agency's red lines in force, so it names all of them.
        var named = buffer.State.RedLinesInForce(buffer.State.AgencyId, vendor.Id).Select(l => l.Id).ToList();
        buffer.Emit(new DesignationThreatened(r, vendor.Id, r + tactic.DeadlineRounds, named));
        Statements(buffer, vendor.Id, StatementTrigger.Threatened);
        var threat = buffer.State.Negotiation(vendor.Id).Threat!;
        if (round.Answer<Move.AnswerThreat>(vendor.Id) is not { } answer)
        {
            buffer.Ask(new Question.ThreatAnswer(vendor.Id, buffer.State, threat));
            return;
        }
        Refuse(Rules.MayAnswerThreat(buffer.State, vendor.Id, answer.Answer, answer.Dropped), r, vendor.Id);
        if (vendor.OnThreat == ThreatRule.BestResponse)
            Weighed(buffer, vendor.Id, WeighedQuestion.Threat, Words.Of(answer.Answer), BestResponse.ToThreat(buffer.State, vendor.Id),
                BestResponse.IfDesignated(buffer.State, vendor.Id).Choice);
        switch (answer.Answer)
        {
            case ThreatResponse.Concede:
                buffer.Emit(new RedLinesDropped(r, vendor.Id, answer.Dropped, named));
                break;
            case ThreatResponse.WalkAway:
                buffer.Emit(new WalkedAway(r, vendor.Id, "threatened with a supply chain risk designation"));
                Statements(buffer, vendor.Id, StatementTrigger.WalkedAway);
                break;
        }
    }

    private static void Designate(EventBuffer buffer, VendorSpec vendor, RoundMoves round, int r)
    {
        buffer.Emit(new Designated(r, vendor.Id));
        Statements(buffer, vendor.Id, StatementTrigger.Designated);
        if (round.Answer<Move.AnswerDesignation>(vendor.Id) is not { } answer)
        {
            buffer.Ask(new Question.DesignationAnswer(vendor.Id, buffer.State));
            return;
        }
        if (vendor.OnDesignation == DesignationRule.BestResponse)
            Weighed(buffer, vendor.Id, WeighedQuestion.Designation, Words.Of(answer.Answer), BestResponse.ToDesignation(buffer.State, vendor.Id));
        switch (answer.Answer)
        {
            case DesignationResponse.Litigate:
                buffer.Emit(new LitigationFiled(r, vendor.Id, Checked(r, buffer.State.Litigation.RoundsToRuling)));
                Statements(buffer, vendor.Id, StatementTrigger.LitigationFiled);
                break;
            case DesignationResponse.Exit:
                buffer.Emit(new VendorExited(r, vendor.Id));
                break;
        }
    }

    // The numbers behind the answer of a vendor whose file says best-response, recorded before the answer takes effect,
    // whoever chose it: the policy by these numbers, or a person who saw them (the minutes tell which).
    private static void Weighed(EventBuffer buffer, string vendor, WeighedQuestion question, string choice, IReadOnlyList<Estimate> estimates, string? ifDesignated = null) =>
        buffer.Emit(new ChoiceWeighed(buffer.State.Round, vendor, question, choice, estimates, BestResponse.Belief(buffer.State, vendor)) { IfDesignated = ifDesignated });

    private static int Checked(int round, int rounds) =>
        round <= int.MaxValue - rounds ? round + rounds : throw new InvalidMoveException($"a ruling {rounds} rounds after round {round} is past any round");

    private static void Statements(EventBuffer buffer, string vendor, StatementTrigger trigger)
    {
        // A person is offered the script's words (ScriptedStatements); the scenario never says them for them.
        if (buffer.State.ChoosesOwnScript(vendor)) return;
        foreach (var s in buffer.State.Scenario.Vendor(vendor).Statements.Where(s => s.On == trigger))
            buffer.Emit(new StatementMade(buffer.State.Round, vendor, trigger, s.Text));
    }

    private static void Conclude(EventBuffer buffer, int r)
    {
        foreach (var e in ContractAudit.Assess(buffer.State, r)) buffer.Emit(e);
        buffer.Emit(new RunConcluded(r, buffer.State.Outcomes()));
    }

    // The words are put together only for a refusal: most moves are allowed (issue 24).
    private static void Refuse(Verdict verdict, int round, string party)
    {
        if (!verdict.Allowed) throw new InvalidMoveException($"round {round}: {party}: {verdict.Reason}");
    }

    private static void Refuse(Verdict verdict, string who)
    {
        if (!verdict.Allowed) throw new InvalidMoveException($"{who}: {verdict.Reason}");
    }

    /// <summary>A round's moves, found by party and negotiation, with the answers it used counted.</summary>
    private sealed class RoundMoves(PlayRound play)
    {
        // Loops, not queries: asked several times for every party each round (issue 24).
        private readonly IReadOnlyList<Move> _moves = play.Moves;
        private HashSet<Move>? _usedAnswers;

        public IReadOnlyList<T> Of<T>(string party) where T : Move
        {
            List<T>? found = null;
            for (var i = 0; i < _moves.Count; i++)
                if (_moves[i] is T m && m.Party == party) (found ??= []).Add(m);
            return found is null ? Array.Empty<T>() : found;
        }

        public IEnumerable<Move> InNegotiation(string vendor) => _moves.Where(m => m.Vendor == vendor);

        public bool Has<T>(string party, string vendor) where T : Move
        {
            for (var i = 0; i < _moves.Count; i++)
                if (_moves[i] is T m && m.Party == party && m.Vendor == vendor) return true;
            return false;
        }

        /// <summary>The party's one bargaining move in the negotiation.</summary>
        public Move Bargaining(string party, string vendor)
        {
            Move? first = null;
            var count = 0;
            for (var i = 0; i < _moves.Count; i++)
            {
                var m = _moves[i];
                if (m.Party != party || m.Vendor != vendor || !m.IsBargaining) continue;
                first ??= m;
                count++;
            }
            Refuse(Rules.MayMakeBargainingMoves(count, vendor), play.Round, party);
            return first!;
        }

        public T? Answer<T>(string vendor) where T : Move
        {
            T? answer = null;
            for (var i = 0; i < _moves.Count && answer is null; i++)
                if (_moves[i] is T m && m.Party == vendor) answer = m;
            if (answer is not null) (_usedAnswers ??= new(ReferenceEqualityComparer.Instance)).Add(answer);
            return answer;
        }

        public void CheckAllAnswersUsed(int r)
        {
            for (var i = 0; i < _moves.Count; i++)
            {
                var m = _moves[i];
                if (m is not (Move.AnswerThreat or Move.AnswerDesignation) || _usedAnswers?.Contains(m) == true) continue;
                throw new InvalidMoveException($"round {r}: {m.Party} answered {(m is Move.AnswerThreat ? "a threat" : "a designation")} that was not made");
            }
        }
    }

}
