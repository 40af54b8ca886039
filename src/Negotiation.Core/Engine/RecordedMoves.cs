using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// A party's moves in a round, read back from the events the round recorded: how a person's play is re-run
/// when a run is verified. Every kind of move leaves its mark: an offer or a signature, a threat or a
/// designation, a dropped red line, a statement in the party's own words, and the answers to a threat (red
/// lines dropped, a walk-out, or neither: it held) and to a designation (a lawsuit, an exit, or neither).
/// </summary>
public static class RecordedMoves
{
    public static IReadOnlyList<Move> Of(RunState view, string party, IReadOnlyList<RunEvent> roundEvents)
    {
        var moves = new List<Move>();
        moves.AddRange(roundEvents.OfType<StatementMade>()
            .Where(s => s.Party == party && s.Trigger == StatementTrigger.Unprompted)
            .Select(s => new Move.Speak(party, s.Text)));
        // A person's own request for the same terms (classroom.md 1.1); in older runs the file's word made it.
        if (view.ChoosesOwnScript(party) && roundEvents.OfType<SameTermsRequested>().Any(s => s.Vendor == party))
            moves.Add(new Move.AskSameTerms(party));
        moves.AddRange(roundEvents.OfType<RedLineDropped>()
            .Where(d => d.Party == party)
            .Select(d => new Move.DropRedLine(party, d.Vendor, d.RedLine)));

        foreach (var n in view.OpenNegotiationsOf(party))
        {
            var vendor = n.Vendor;
            bool Has<T>(Func<T, bool> match) => roundEvents.OfType<T>().Any(match);
            if (Has<Designated>(d => d.Vendor == vendor))
            {
                if (party == view.AgencyId)
                {
                    moves.AddRange(Move.Designation(party, vendor));
                }
                else
                {
                    moves.Add(new Move.Pass(party, vendor));
                    moves.Add(DesignationAnswer(vendor, roundEvents));
                }
                continue;
            }

            if (Has<AgreementSigned>(a => a.Vendor == vendor && a.AcceptedBy == party)) moves.Add(new Move.Accept(party, vendor));
            else if (roundEvents.OfType<OfferMade>().FirstOrDefault(o => o.Vendor == vendor && o.From == party) is { } offer)
                moves.Add(new Move.Offer(party, vendor, offer.Terms));
            else moves.Add(new Move.Pass(party, vendor));

            if (!Has<DesignationThreatened>(t => t.Vendor == vendor)) continue;
            if (party == view.AgencyId) moves.Add(new Move.Threaten(party, vendor));
            else moves.Add(ThreatAnswer(vendor, roundEvents));
        }
        return moves;
    }

    /// <summary>The answer the round recorded to a question, or null when the round raised no such question.</summary>
    public static Move? AnswerTo(Question question, IReadOnlyList<RunEvent> roundEvents) => question switch
    {
        Question.ThreatAnswer t when roundEvents.OfType<DesignationThreatened>().Any(e => e.Vendor == t.Vendor) => ThreatAnswer(t.Vendor, roundEvents),
        Question.DesignationAnswer d when roundEvents.OfType<Designated>().Any(e => e.Vendor == d.Vendor) => DesignationAnswer(d.Vendor, roundEvents),
        _ => null,
    };

    private static Move ThreatAnswer(string vendor, IReadOnlyList<RunEvent> roundEvents) =>
        roundEvents.OfType<RedLinesDropped>().FirstOrDefault(d => d.Vendor == vendor) is { } dropped
            ? new Move.AnswerThreat(vendor, ThreatResponse.Concede, dropped.RedLines)
            : roundEvents.OfType<WalkedAway>().Any(w => w.Vendor == vendor)
                ? new Move.AnswerThreat(vendor, ThreatResponse.WalkAway, [])
                : new Move.AnswerThreat(vendor, ThreatResponse.Hold, []);

    private static Move DesignationAnswer(string vendor, IReadOnlyList<RunEvent> roundEvents) =>
        new Move.AnswerDesignation(vendor,
            roundEvents.OfType<LitigationFiled>().Any(l => l.Vendor == vendor) ? DesignationResponse.Litigate
            : roundEvents.OfType<VendorExited>().Any(x => x.Vendor == vendor) ? DesignationResponse.Exit
            : DesignationResponse.Accept);
}
