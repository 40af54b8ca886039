namespace Negotiation.Core.Engine;

/// <summary>
/// Whether a move would be refused, and why, asked before it is made: a person's moves are checked here, then
/// again by the decider. Each case is the verdict of its rule in <see cref="Rules"/>, nothing more.
/// </summary>
public static class MoveCheck
{
    /// <summary><see cref="Check"/> as a seat may be told it: a refused acceptance never carries the other side's numbers.</summary>
    public static Verdict CheckAsSeenBy(RunState view, Move move) =>
        move is Move.Accept a ? Rules.MayAcceptAsSeenBy(view, a.Party, a.Vendor, a.Seen) : Check(view, move);

    /// <summary>
    /// A person's moves for a round, checked together as a seat may be told: at most one offer, acceptance or
    /// pass in each negotiation (the decider takes exactly one), and each move by its rule. Every reason, not only
    /// the first.
    /// </summary>
    public static IReadOnlyList<string> CheckRoundAsSeenBy(RunState view, IReadOnlyList<Move> moves)
    {
        var reasons = new List<string>();
        foreach (var party in moves.OfType<Move.Speak>().GroupBy(m => m.Party))
            if (Rules.MaySpeakSoOften(party.Count()) is { Allowed: false } often) reasons.Add(often.Reason!);
        // Left out, a negotiation's move is a pass (WithPasses): only more than one is refused here.
        foreach (var negotiation in moves.Where(m => m.IsBargaining).GroupBy(m => m.Vendor))
            if (negotiation.Count() > 1 && Rules.MayMakeBargainingMoves(negotiation.Count(), negotiation.Key!) is { Allowed: false } many) reasons.Add(many.Reason!);
        foreach (var move in moves)
            if (CheckAsSeenBy(view, move) is { Allowed: false } refused) reasons.Add(refused.Reason!);
        return reasons;
    }

    /// <summary>
    /// A person's moves checked against what they are asked (issue 22: one home for "an answer needs its question",
    /// which the class server checked apart): asked a question, its answer alone; asked for a round's moves, no answer;
    /// then every move by its rule, as a seat may be told.
    /// </summary>
    public static IReadOnlyList<string> CheckAsAsked(Question? asked, RunState view, IReadOnlyList<Move> moves)
    {
        if (asked is not null)
        {
            var fits = moves.Count == 1 && (asked is Question.ThreatAnswer ? moves[0] is Move.AnswerThreat : moves[0] is Move.AnswerDesignation);
            if (!fits) return [$"one move is asked for now: your answer to the {(asked is Question.ThreatAnswer ? "threat" : "designation")}"];
        }
        else if (moves.Any(m => m is Move.AnswerThreat or Move.AnswerDesignation))
        {
            return ["there is no threat or designation to answer now"];
        }
        return CheckRoundAsSeenBy(view, moves);
    }

    /// <summary>The moves as the decider takes them: a pass in each open negotiation the party made no bargaining move in.</summary>
    public static IReadOnlyList<Move> WithPasses(RunState view, string party, IReadOnlyList<Move> moves) =>
        [.. moves, .. view.OpenNegotiationsOf(party)
            .Where(n => !moves.Any(m => m.Vendor == n.Vendor && m.IsBargaining))
            .Select(n => new Move.Pass(party, n.Vendor))];

    /// <param name="view">the state the move is made on: the round's start, or the question's view for an answer</param>
    public static Verdict Check(RunState view, Move move) => move switch
    {
        Move.Offer o => Rules.MayOffer(view, o.Party, o.Vendor, o.Terms),
        Move.Accept a => Rules.MayAccept(view, a.Party, a.Vendor, a.Seen),
        Move.Pass p => Rules.InNegotiation(view, p.Party, p.Vendor),
        Move.Threaten t => Rules.MayThreaten(view, t.Party, t.Vendor),
        Move.Designate d => Rules.MayDesignate(view, d.Party, d.Vendor),
        Move.DropRedLine d => Rules.MayDropRedLine(view, d.Party, d.Vendor, d.RedLine),
        Move.Speak s => Rules.MaySpeak(view, s.Party, s.Text),
        Move.AskSameTerms a => Rules.MayAskSameTerms(view, a.Party),
        Move.AnswerThreat a => view.Negotiation(a.Party).Threat is null
            ? Verdict.No("there is no threat to answer")
            : Rules.MayAnswerThreat(view, a.Party, a.Answer, a.Dropped),
        Move.AnswerDesignation a => view.Negotiation(a.Party).Status == NegotiationStatus.Designated
            ? Verdict.Yes
            : Verdict.No("you have not been designated"),
        _ => throw new InvalidOperationException($"no rule for a {move.GetType().Name} move"),
    };
}
