namespace Negotiation.Core.Engine;

/// <summary>
/// A decision a round puts to one party after the moves are made, a closed set of cases: the decider stops
/// there until the party's answer is among the round's moves. <see cref="View"/> is the state it answers on.
/// </summary>
public abstract record Question
{
    private Question(string party, RunState view)
    {
        Party = party;
        View = view;
    }

    public string Party { get; }

    public RunState View { get; }

    /// <summary>The vendor was just threatened: hold, concede or walk away.</summary>
    public sealed record ThreatAnswer(string Vendor, RunState View, Threat Threat) : Question(Vendor, View);

    /// <summary>The vendor was just designated: litigate, accept or exit.</summary>
    public sealed record DesignationAnswer(string Vendor, RunState View) : Question(Vendor, View);
}

/// <summary>A round's resolution, a closed set: decided with its events, or waiting for an answer to a decision it raised.</summary>
public abstract record RoundResolution
{
    private RoundResolution()
    {
    }

    /// <summary>The round's events, and the state they fold to from the one the round was played on.</summary>
    public sealed record Decided(IReadOnlyList<Events.RunEvent> Events, RunState State) : RoundResolution;

    public sealed record NeedsAnswer(Question Question) : RoundResolution;
}
