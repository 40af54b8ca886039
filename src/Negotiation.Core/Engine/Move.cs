using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// What a party does in a round, a closed set of cases. In each open negotiation it is in, a party makes one
/// bargaining move (<see cref="Offer"/>, <see cref="Accept"/> or <see cref="Pass"/>); beside it the agency may
/// <see cref="Threaten"/> or <see cref="Designate"/>, any party may <see cref="DropRedLine"/> of its own that is
/// not firm, or <see cref="Speak"/> in public; and a vendor answers the decisions the round puts to it
/// (<see cref="AnswerThreat"/>, <see cref="AnswerDesignation"/>). A person and the policy make the same moves.
/// </summary>
public abstract record Move
{
    private Move(string party) => Party = party;

    /// <summary>Who moves.</summary>
    public string Party { get; }

    /// <summary>The negotiation the move belongs to (a vendor's id), or null for a public statement.</summary>
    public abstract string? Vendor { get; }

    /// <summary>Offers these terms, one option for every term.</summary>
    public sealed record Offer(string Party, string Vendor, IReadOnlyDictionary<string, string> Terms) : Move(Party)
    {
        public override string Vendor { get; } = Vendor;
    }

    /// <summary>
    /// Signs the other side's standing offer; <see cref="Seen"/>, when given, is the offer the party saw, and the
    /// acceptance stands only if it is still the one on the table.
    /// </summary>
    public sealed record Accept(string Party, string Vendor) : Move(Party)
    {
        public override string Vendor { get; } = Vendor;

        public IReadOnlyDictionary<string, string>? Seen { get; init; }
    }

    /// <summary>Makes no new offer; the party's standing offer, if any, stays on the table.</summary>
    public sealed record Pass(string Party, string Vendor) : Move(Party)
    {
        public override string Vendor { get; } = Vendor;
    }

    /// <summary>The agency threatens a "supply chain risk" designation.</summary>
    public sealed record Threaten(string Party, string Vendor) : Move(Party)
    {
        public override string Vendor { get; } = Vendor;
    }

    /// <summary>The agency carries a threat out once its deadline has passed.</summary>
    public sealed record Designate(string Party, string Vendor) : Move(Party)
    {
        public override string Vendor { get; } = Vendor;
    }

    /// <summary>The party gives up one of its own red lines that is not firm, in one negotiation.</summary>
    public sealed record DropRedLine(string Party, string Vendor, string RedLine) : Move(Party)
    {
        public override string Vendor { get; } = Vendor;
    }

    /// <summary>A public statement in the party's own words.</summary>
    public sealed record Speak(string Party, string Text) : Move(Party)
    {
        public override string? Vendor => null;
    }

    /// <summary>
    /// A vendor a person plays asks, with its bargaining move, that every vendor be offered the same terms should it
    /// sign this round (classroom.md 1.1: offered as a choice, never made in a person's name).
    /// </summary>
    public sealed record AskSameTerms(string Party) : Move(Party)
    {
        public override string Vendor => Party;
    }

    /// <summary>A threatened vendor holds, concedes (dropping <paramref name="Dropped"/>, none firm) or walks away.</summary>
    public sealed record AnswerThreat(string Party, ThreatResponse Answer, IReadOnlyList<string> Dropped) : Move(Party)
    {
        public override string Vendor => Party;

        public bool Equals(AnswerThreat? other) =>
            other is not null && Party == other.Party && Answer == other.Answer && Dropped.SequenceEqual(other.Dropped);

        public override int GetHashCode() => HashCode.Combine(Party, Answer, Dropped.Count);
    }

    /// <summary>A designated vendor litigates, accepts or exits the market.</summary>
    public sealed record AnswerDesignation(string Party, DesignationResponse Answer) : Move(Party)
    {
        public override string Vendor => Party;
    }

    /// <summary>The bargaining move of an open negotiation: one of these per party and negotiation each round.</summary>
    public bool IsBargaining => this is Offer or Accept or Pass;

    /// <summary>
    /// A designation ends the negotiation, so it comes with a pass as the round's bargaining move (issue 22: one home
    /// for the policy, the moves read back from a round and the console player).
    /// </summary>
    public static IReadOnlyList<Move> Designation(string agency, string vendor) => [new Pass(agency, vendor), new Designate(agency, vendor)];
}
