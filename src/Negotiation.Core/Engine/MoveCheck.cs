namespace Negotiation.Core.Engine;

/// <summary>
/// Whether a move would be refused, and why, asked before it is made: a person's moves are checked here, then
/// again by the decider. Each case is the verdict of its rule in <see cref="Rules"/>, nothing more.
/// </summary>
public static class MoveCheck
{
    /// <summary><see cref="Check"/> as a seat may be told it: a refused acceptance never carries the other side's numbers.</summary>
    public static Verdict CheckAsSeenBy(RunState view, Move move) =>
        move is Move.Accept a ? Rules.MayAcceptAsSeenBy(view, a.Party, a.Vendor) : Check(view, move);

    /// <param name="view">the state the move is made on: the round's start, or the question's view for an answer</param>
    public static Verdict Check(RunState view, Move move) => move switch
    {
        Move.Offer o => Rules.MayOffer(view, o.Party, o.Vendor, o.Terms),
        Move.Accept a => Rules.MayAccept(view, a.Party, a.Vendor),
        Move.Pass p => Rules.InNegotiation(view, p.Party, p.Vendor),
        Move.Threaten t => Rules.MayThreaten(view, t.Party, t.Vendor),
        Move.Designate d => Rules.MayDesignate(view, d.Party, d.Vendor),
        Move.DropRedLine d => Rules.MayDropRedLine(view, d.Party, d.Vendor, d.RedLine),
        Move.Speak s => Rules.MaySpeak(view, s.Party, s.Text),
        Move.AnswerThreat a => view.Negotiation(a.Party).Threat is null
            ? Verdict.No("there is no threat to answer")
            : Rules.MayAnswerThreat(view, a.Party, a.Answer, a.Dropped),
        Move.AnswerDesignation a => view.Negotiation(a.Party).Status == NegotiationStatus.Designated
            ? Verdict.Yes
            : Verdict.No("you have not been designated"),
        _ => throw new InvalidOperationException($"no rule for a {move.GetType().Name} move"),
    };
}
