using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Seats;

/// <summary>
/// Builds a <see cref="SeatView"/> from a run's events for one party. It reads the party's own spec, the events
/// <see cref="Hearing"/> lets it hear, and the rules' verdicts for its own moves; it never reads another party's
/// numbers, nor the utilities events carry for both sides, nor the red lines an offer of its own crossed on the
/// other side before that side named them in a rejection.
/// </summary>
public static class SeatViews
{
    public static SeatView Of(IReadOnlyList<RunEvent> events, string party) => Of(events, Evolution.Fold(events), party);

    /// <param name="state">the fold of <paramref name="events"/>, when the caller keeps it</param>
    public static SeatView Of(IReadOnlyList<RunEvent> events, RunState state, string party)
    {
        if (state.Scenario.Parties.All(p => p.Id != party)) throw new ArgumentException($"no party `{party}`", nameof(party));
        var heard = events.Where(e => Hearing.IsHeardBy(e, party, state.AgencyId)).ToList();
        var model = state.Model(party);
        // What the seat may offer in each open negotiation, by what it knows: told in the negotiation, and the
        // offer's verdict among the moves allowed (one computation for both).
        var open = state.OpenNegotiationsOf(party).ToDictionary(n => n.Vendor, n => Rules.OpenOptionsAsSeenBy(state, party, n.Vendor));
        return new SeatView(
            party,
            state.Round,
            state.Concluded,
            BriefOf(state, party),
            state.NegotiationsOf(party)
                .Select(n => NegotiationOf(state, heard, party, n, model) with { OpenOptions = open.GetValueOrDefault(n.Vendor) }).ToList(),
            heard.Select(e => PublicOf(e, party) is { } item ? item with { Source = Reports.Provenances.Of(e, state.Scenario) is { } p ? Words.Of(p) : null } : null)
                .OfType<PublicItem>().ToList(),
            state.Concluded ? [] : AllowedOf(state, party, open))
        {
            // Offered while the seat is still asked to move: a party whose negotiations are over is not asked again.
            Scripted = state.Concluded || !Rules.HasMovesToMake(state, party) ? [] : ScriptedStatements.Offered(events, state, party)
                .Select(s => new SeatScriptedStatement(Words.Of(s.On), s.Text, s.Reported)).ToList(),
        };
    }

    /// <summary>The question the vendor is asked, with what each answer is worth to it (see <see cref="SeatQuestion"/>).</summary>
    public static SeatQuestion QuestionFor(Question question)
    {
        var (view, vendor) = (question.View, question.Party);
        var spec = view.Scenario.Vendor(vendor);
        var threat = question as Question.ThreatAnswer;
        var estimates = threat is not null ? BestResponse.ToThreat(view, vendor) : BestResponse.ToDesignation(view, vendor);
        // A file that values none of the vendor's endings gives the format's defaults only: no numbers to weigh by.
        var valued = spec.Outcomes is not null || spec.OnThreat == ThreatRule.BestResponse || spec.OnDesignation == DesignationRule.BestResponse;
        var then = threat is not null ? BestResponse.IfDesignated(view, vendor).Choice : null;
        return new SeatQuestion(
            threat is not null ? "threat" : "designation",
            threat is null ? null : new SeatThreat(threat.Threat.Round, threat.Threat.DeadlineRound, threat.Threat.RedLines),
            estimates.Select(e => new SeatChoice(e.Choice.Replace('-', '_'), valued ? Math.Round(e.Value, 6) : null)).ToList(),
            valued ? Reports.Weighing.ForSeat(estimates, BestResponse.Belief(view, vendor), then, BestResponse.Best(estimates).Choice) : null)
        {
            Droppable = threat is null ? [] : Rules.Droppable(view, vendor, vendor)
                .Select(l => new BriefRedLine(l.Id, l.Term, l.Require, l.Forbid, l.Reason, l.Firm, [])).ToList(),
        };
    }

    private static Brief BriefOf(RunState state, string party)
    {
        var spec = state.Scenario.Party(party);
        var model = state.Model(party);
        var terms = state.Scenario.Terms.Select((t, k) =>
        {
            spec.Preferences.TryGetValue(t.Id, out var p);
            return new BriefTerm(t.Id, t.Label, model.Shares[k], t.Options.Select((o, i) =>
                new BriefOption(o, p is not null && p.Values.TryGetValue(o, out var v) ? v : 0.0, model.Weighted[k][i])).ToList());
        }).ToList();
        var lines = spec.RedLines.Select(l => new BriefRedLine(l.Id, l.Term, l.Require, l.Forbid, l.Reason, l.Firm,
            state.NegotiationsOf(party)
                .Where(n => state.DroppedBy(party, n.Vendor).Contains(l.Id))
                .Select(n => n.Vendor).ToList())).ToList();
        return new Brief(party, spec.Name, party == state.AgencyId, state.Reservation(party),
            spec.Strategy.Kind.ToString(), terms, lines)
        {
            Background = state.Scenario.Background,
            Instructions = spec.Brief,
            Endings = Words.Endings.ToDictionary(kv => kv.Key, kv => Math.Round(Endings.Value(state, party, kv.Value), 6)),
            StrategyText = Strategies.Describe(spec.Strategy.Kind),
            PartyNames = state.Scenario.Parties.ToDictionary(p => p.Id, p => p.Name),
        };
    }

    private static SeatNegotiation NegotiationOf(RunState state, IReadOnlyList<RunEvent> heard, string party, NegotiationState n, UtilityModel model)
    {
        SeatOffer Offer(int round, string from, IReadOnlyDictionary<string, string> terms) =>
            new(round, from, terms, Math.Round(model.Utility(terms), 6), RunState.Crossed(state.RedLinesInForce(party, n.Vendor), terms));

        // Terms extended to every vendor after a signature are the agency's offer in this negotiation, as the state
        // holds them: a seat sees the offer it would sign, not the one made before (the xAI case of issue 18).
        var offers = heard.Select(e => e switch
        {
            OfferMade o when o.Vendor == n.Vendor => Offer(o.Round, o.From, o.Terms),
            SameTermsExtended x when x.To.Contains(n.Vendor) => Offer(x.Round, state.AgencyId, x.Terms),
            _ => null,
        }).OfType<SeatOffer>().ToList();
        var isAgency = party == state.AgencyId;
        var mine = offers.LastOrDefault(o => o.From == party);
        var theirs = offers.LastOrDefault(o => o.From != party);
        return new SeatNegotiation(
            n.Vendor,
            isAgency ? n.Vendor : state.AgencyId,
            n.Status.ToString().ToLowerInvariant(),
            offers,
            heard.OfType<OfferRejected>().Where(r => r.Vendor == n.Vendor).Select(r => new SeatRejection(r.Round, r.By, r.CrossedRedLines)).ToList(),
            n.IsOpen ? theirs : null,
            n.IsOpen ? mine : null,
            n.Threat is { } t ? new SeatThreat(t.Round, t.DeadlineRound, t.RedLines) : null,
            n.Agreement?.Terms)
        {
            // A contract at its worth by the party's own numbers, as the seat sees every offer; any other ending by its values.
            WithName = state.Scenario.Party(isAgency ? n.Vendor : state.AgencyId).Name,
            YourValue = n.IsOpen ? null : Math.Round(n.Agreement is { } signed
                ? model.Utility(signed.Terms)
                : Endings.ValuesOf(state, n)![party], 6),
        };
    }

    /// <summary>The public item an event is in a seat's list, or null when the seat sees it elsewhere or not at all.</summary>
    internal static PublicItem? PublicItemOf(RunEvent e, string party) => PublicOf(e, party);

    private static PublicItem? PublicOf(RunEvent e, string party) => e switch
    {
        NewsReported x => new(x.Round, "news", null, null, x.Text, null),
        // News about another party's options or numbers: its text, not what it changed for that party.
        OptionLocked or OptionUnlocked or PartyNumberSet when !Hearing.Concerns(e, party) => new(e.Round, "news", null, null, e switch
        {
            OptionLocked l => l.Text,
            OptionUnlocked u => u.Text,
            PartyNumberSet n => n.Text,
            _ => null,
        }, null),
        OptionLocked x => new(x.Round, "locked", x.Party, null, x.Text ?? $"{x.Term}={x.Option} is locked for you", null),
        OptionUnlocked x => new(x.Round, "unlocked", x.Party, null, x.Text ?? $"{x.Term}={x.Option} is open to you again", null),
        PartyNumberSet x => new(x.Round, "set", x.Party, null, x.Text ?? $"your {x.Field} is now {x.Value}", null),
        StatementMade x => new(x.Round, "statement", x.Party, null, x.Text, null),
        AgreementSigned x => new(x.Round, "signed", x.AcceptedBy, x.Vendor, null, x.Terms),
        DesignationThreatened x => new(x.Round, "threatened", null, x.Vendor, $"unless its offers respect {string.Join(", ", x.RedLines)} by round {x.DeadlineRound}", null),
        Designated x => new(x.Round, "designated", null, x.Vendor, null, null),
        WalkedAway x => new(x.Round, "walked_away", null, x.Vendor, x.Reason, null),
        VendorExited x => new(x.Round, "exited", null, x.Vendor, null, null),
        LitigationFiled x => new(x.Round, "litigation_filed", null, x.Vendor, $"ruling due in round {x.RulingRound}", null),
        CourtRuled x => new(x.Round, "court_ruled", null, x.Vendor, x.InjunctionGranted ? "injunction granted" : "injunction denied", null),
        SameTermsRequested x => new(x.Round, "same_terms_requested", null, x.Vendor, null, null),
        SameTermsExtended x => new(x.Round, "same_terms_extended", null, x.SignedBy, null, x.Terms),
        DeadlinePassed x => new(x.Round, "deadline", null, null, string.Join(", ", x.Vendors), null),
        DesignationLifted x => new(x.Round, "designation_lifted", null, x.Vendor, $"its negotiation reopens until round {x.DeadlineRound}", null),
        // Shown in the seat's negotiations (offers, rejections, threats), its brief (red lines dropped), or not the seat's to see.
        NegotiationOpened or RoundStarted or OfferMade or OfferRejected or ThreatMet or ThreatLapsed or RedLinesDropped or RedLineDropped
            or ProbeAssessed or RedLineAudited or RunConcluded or RunForked or WorldAnnounced or PolicyStoodIn or ChoiceWeighed => null,
        _ => throw new UnhandledEventException(e, "SeatViews (public items)"),
    };

    private static List<AllowedMove> AllowedOf(RunState state, string party, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> openOptions)
    {
        var allowed = new List<AllowedMove>();
        foreach (var n in state.OpenNegotiationsOf(party))
        {
            // By what the seat knows (its locks, its own red lines), as openOptions: not the agency's lines it conceded to.
            var open = openOptions[n.Vendor];
            var closed = state.Scenario.Terms.Where(t => open[t.Id].Count == 0).Select(t => t.Id).ToList();
            allowed.Add(Move("offer", n.Vendor, null, closed.Count == 0 ? Verdict.Yes : Verdict.No($"no option of {string.Join(", ", closed)} is open to you")));
            allowed.Add(Move("accept", n.Vendor, null, Rules.MayAcceptAsSeenBy(state, party, n.Vendor)));
            allowed.Add(Move("pass", n.Vendor, null, Verdict.Yes));
            if (party == state.AgencyId)
            {
                allowed.Add(Move("threaten", n.Vendor, null, Rules.MayThreaten(state, party, n.Vendor)));
                allowed.Add(Move("designate", n.Vendor, null, Rules.MayDesignate(state, party, n.Vendor)));
            }
            foreach (var line in state.Scenario.Party(party).RedLines)
                allowed.Add(Move("drop_red_line", n.Vendor, line.Id, Rules.MayDropRedLine(state, party, n.Vendor, line.Id)));
            // Offered only to a person who may make it: the policy's parties ask as the file says.
            if (party == n.Vendor && state.ChoosesOwnScript(party)) allowed.Add(Move("ask_same_terms", n.Vendor, null, Rules.MayAskSameTerms(state, party)));
        }
        allowed.Add(Move("statement", null, null, Verdict.Yes));
        return allowed;
    }

    private static AllowedMove Move(string kind, string? vendor, string? redLine, Verdict verdict) =>
        new(kind, vendor, redLine, verdict.Allowed, verdict.Reason);
}
