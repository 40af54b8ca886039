using Negotiation.Core.Model;

namespace Negotiation.Core.Events;

/// <summary>Everything that happens in a run, in the past tense. Each event carries all its replay needs.</summary>
public abstract record RunEvent(int Round);

/// <summary>
/// The first event of a run: the whole scenario as run, and the seed. <paramref name="Humans"/> names the
/// parties a person played (their moves are in the stream, not in the policy); absent when none.
/// </summary>
public sealed record NegotiationOpened(
    Scenario Scenario,
    int Seed,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<string>? Humans = null) : RunEvent(0)
{
    /// <summary>
    /// True when the scenario's statements and same-terms request are offered to the persons who play them as
    /// choices (classroom.md 1.1), never made in their name; absent (false) in runs opened before, whose persons
    /// had them made for them, so that such runs verify as they were played.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? ScriptOffered { get; init; }
}

public sealed record RoundStarted(int Round) : RunEvent(Round);

/// <summary>
/// A person did not move in time: the policy made the party's moves for the round (or its answer), because of
/// <paramref name="Reason"/> (the instructor advanced the round, or the round's time ran out).
/// </summary>
public sealed record PolicyStoodIn(int Round, string Party, string Reason) : RunEvent(Round);

public sealed record NewsReported(int Round, string Text) : RunEvent(Round);

/// <summary>A world event announced live after round <paramref name="Round"/>, due at the start of round <c>World.Round</c>.</summary>
public sealed record WorldAnnounced(int Round, WorldEvent World) : RunEvent(Round)
{
    /// <summary>
    /// The scripted world event this announcement brings forward (so it does not happen a second time), as the
    /// decider found it: empty when none. Recorded, so that folding the stream runs no rule (issue 22); absent
    /// (null) in streams stored before, whose fold still asks <c>Rules.BringsForward</c>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WorldEvent>? BringsForward { get; init; }
}

public sealed record OptionLocked(int Round, string Party, string Term, string Option, string? Text) : RunEvent(Round);

public sealed record OptionUnlocked(int Round, string Party, string Term, string Option, string? Text) : RunEvent(Round);

public sealed record PartyNumberSet(int Round, string Party, string Field, double Value, string? Text) : RunEvent(Round);

/// <summary>
/// <paramref name="Vendor"/> names the negotiation; <paramref name="From"/> who offered.
/// <paramref name="Crosses"/> lists the other side's red lines the offer crosses.
/// </summary>
public sealed record OfferMade(
    int Round,
    string Vendor,
    string From,
    IReadOnlyDictionary<string, string> Terms,
    IReadOnlyDictionary<string, double> Utilities,
    IReadOnlyList<string> Crosses) : RunEvent(Round);

/// <summary>The other side's standing offer was turned down; <paramref name="CrossedRedLines"/> says on which lines.</summary>
public sealed record OfferRejected(
    int Round,
    string Vendor,
    string By,
    IReadOnlyDictionary<string, string> Terms,
    IReadOnlyList<string> CrossedRedLines) : RunEvent(Round);

public sealed record AgreementSigned(
    int Round,
    string Vendor,
    string AcceptedBy,
    IReadOnlyDictionary<string, string> Terms,
    IReadOnlyDictionary<string, double> Utilities) : RunEvent(Round);

public sealed record WalkedAway(int Round, string Vendor, string Reason) : RunEvent(Round);

/// <summary>The agency threatens a "supply chain risk" designation unless the vendor's offers respect <paramref name="RedLines"/> by <paramref name="DeadlineRound"/>.</summary>
public sealed record DesignationThreatened(int Round, string Vendor, int DeadlineRound, IReadOnlyList<string> RedLines) : RunEvent(Round);

public sealed record ThreatMet(int Round, string Vendor) : RunEvent(Round);

public sealed record ThreatLapsed(int Round, string Vendor) : RunEvent(Round);

/// <summary>
/// A threatened vendor that concedes drops its red lines that are not firm, and from then on offers inside
/// <paramref name="Respects"/> (the agency red lines the threat named) where its remaining lines allow.
/// </summary>
public sealed record RedLinesDropped(int Round, string Vendor, IReadOnlyList<string> RedLines, IReadOnlyList<string> Respects) : RunEvent(Round);

/// <summary>A party gave up one of its own red lines that was not firm, in one vendor's negotiation, of its own accord.</summary>
public sealed record RedLineDropped(int Round, string Vendor, string Party, string RedLine) : RunEvent(Round);

public sealed record Designated(int Round, string Vendor) : RunEvent(Round);

public sealed record VendorExited(int Round, string Vendor) : RunEvent(Round);

public sealed record LitigationFiled(int Round, string Vendor, int RulingRound) : RunEvent(Round);

/// <summary><paramref name="Draw"/> is the seeded number in [0, 1) compared with the injunction probability.</summary>
public sealed record CourtRuled(int Round, string Vendor, bool InjunctionGranted, double Draw) : RunEvent(Round);

/// <summary>
/// A vendor whose file answers a <paramref name="Question"/> by expected value (format 1.2 <c>best-response</c>)
/// answered it: the <paramref name="Estimates"/> of each choice, in the order ties go, at the injunction odds it
/// believes (<paramref name="Belief"/>), and the <paramref name="Choice"/> made: the one worth most when the policy
/// chose, a person's own when a person played the vendor (they saw the same numbers). Recorded before the
/// answer's effect.
/// </summary>
public sealed record ChoiceWeighed(
    int Round,
    string Vendor,
    WeighedQuestion Question,
    string Choice,
    IReadOnlyList<Engine.Estimate> Estimates,
    double Belief) : RunEvent(Round)
{
    /// <summary>For a threat: how the vendor would answer the designation that holding leads to (its estimate of hold).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? IfDesignated { get; init; }
}

public enum WeighedQuestion { Threat, Designation }

/// <summary>
/// An injunction lifted the vendor's designation and, as the litigation's <c>after_injunction: reopen</c> says,
/// its negotiation is open again until the end of round <paramref name="DeadlineRound"/>.
/// </summary>
public sealed record DesignationLifted(int Round, string Vendor, int DeadlineRound) : RunEvent(Round);

public sealed record StatementMade(int Round, string Party, StatementTrigger Trigger, string Text) : RunEvent(Round);

public sealed record SameTermsRequested(int Round, string Vendor) : RunEvent(Round);

public sealed record SameTermsExtended(
    int Round,
    string SignedBy,
    IReadOnlyList<string> To,
    IReadOnlyDictionary<string, string> Terms) : RunEvent(Round);

public sealed record DeadlinePassed(int Round, IReadOnlyList<string> Vendors) : RunEvent(Round);

public enum ProbeVerdict { Permitted, Blocked }

public enum RedLineStatus { Holds, HoldsOnPaperOnly, Crossed }

public sealed record ProbeAssessed(int Round, string Vendor, string Probe, ProbeVerdict Verdict) : RunEvent(Round);

/// <summary><paramref name="Dropped"/>: the vendor gave this line up under threat, so the text may cross it.</summary>
public sealed record RedLineAudited(int Round, string Vendor, string RedLine, RedLineStatus Status, IReadOnlyList<string> PermittedProbes, bool Dropped) : RunEvent(Round);

public sealed record RunConcluded(int Round, IReadOnlyList<Outcome> Outcomes) : RunEvent(Round);

/// <summary>A what-if: this run shares its parent's events up to <paramref name="AtRound"/>, then goes on under <paramref name="Scenario"/>.</summary>
public sealed record RunForked(int Round, string ParentRunId, int AtRound, Scenario Scenario, IReadOnlyList<string> Changes) : RunEvent(Round);
