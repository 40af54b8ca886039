using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Reports;

/// <summary>
/// One line of a run's minutes, as what happened rather than how it is said: the one model the plain minutes, the
/// terminal's minutes and the pages render (issue 22: each had its own switch over every event). <see cref="Minutes"/>
/// makes them from the events, once, with what an audience may be told; a renderer only phrases them. A closed set:
/// every case is nested here, and the constructor is private.
/// </summary>
public abstract record Minute
{
    private Minute(Scenario scenario) => Scenario = scenario;

    /// <summary>The scenario as the run plays it at this line (a fork's, after a fork): labels, the agency.</summary>
    public Scenario Scenario { get; }

    /// <summary>The run opens: what it negotiates, between whom.</summary>
    public sealed record Opened(Scenario Scenario, int Seed) : Minute(Scenario);

    /// <summary>The run goes on as a what-if of another.</summary>
    public sealed record Forked(Scenario Scenario, string ParentRunId, int AtRound, IReadOnlyList<string> Changes) : Minute(Scenario);

    /// <summary>A round begins; past the scenario's deadline, why it is played (else empty).</summary>
    public sealed record RoundBegan(Scenario Scenario, int Round, string PastDeadline) : Minute(Scenario);

    public sealed record News(Scenario Scenario, string Text) : Minute(Scenario);

    public sealed record StoodIn(Scenario Scenario, string Party, string Reason) : Minute(Scenario);

    /// <summary>
    /// An option closes to (or opens again for) a party; <paramref name="Detailed"/> is false for an audience told only
    /// the news's words, which is then <paramref name="Text"/>.
    /// </summary>
    public sealed record OptionChanged(Scenario Scenario, string Party, string Term, string Option, bool Locked, string? Text, bool Detailed) : Minute(Scenario);

    /// <summary>A world event sets a party's number; <paramref name="Detailed"/> as for <see cref="OptionChanged"/>.</summary>
    public sealed record NumberSet(Scenario Scenario, string Party, string Field, double Value, string? Text, bool Detailed) : Minute(Scenario);

    /// <summary>
    /// An offer, with the same side's offer before it in the negotiation (null for its first): <paramref name="Holds"/>
    /// when nothing changed. <paramref name="AfterRejection"/> when the offer follows the side's rejection, on no red
    /// line, of the other side's (which has no line of its own). <paramref name="Worths"/> are those the audience may see.
    /// </summary>
    public sealed record Offered(Scenario Scenario, string Vendor, string From, string To, IReadOnlyDictionary<string, string> Terms,
        IReadOnlyDictionary<string, string>? Previous, bool Holds, bool AfterRejection, IReadOnlyDictionary<string, double> Worths) : Minute(Scenario);

    /// <summary>A rejection on red lines the rejected offer crosses (one on none is told with the offer that follows).</summary>
    public sealed record Rejected(Scenario Scenario, string Vendor, string By, string Of, IReadOnlyList<string> RedLines) : Minute(Scenario);

    public sealed record Signed(Scenario Scenario, string Vendor, IReadOnlyDictionary<string, string> Terms, IReadOnlyDictionary<string, double> Worths) : Minute(Scenario);

    public sealed record WalkedAway(Scenario Scenario, string Vendor, string Reason) : Minute(Scenario);

    public sealed record Threatened(Scenario Scenario, string Vendor, int DeadlineRound, IReadOnlyList<string> RedLines) : Minute(Scenario);

    public sealed record ThreatMet(Scenario Scenario, string Vendor) : Minute(Scenario);

    public sealed record ThreatLapsed(Scenario Scenario, string Vendor) : Minute(Scenario);

    /// <summary>A threatened vendor concedes, dropping <paramref name="Dropped"/>, and keeps inside <paramref name="Respects"/> where it can.</summary>
    public sealed record Conceded(Scenario Scenario, string Vendor, IReadOnlyList<string> Dropped, IReadOnlyList<string> Respects) : Minute(Scenario);

    public sealed record RedLineDropped(Scenario Scenario, string Party, string Vendor, string RedLine) : Minute(Scenario);

    public sealed record Designated(Scenario Scenario, string Vendor) : Minute(Scenario);

    public sealed record Exited(Scenario Scenario, string Vendor) : Minute(Scenario);

    public sealed record Sued(Scenario Scenario, string Vendor, int RulingRound) : Minute(Scenario);

    /// <summary>The court rules: the seeded draw against the scenario's injunction probability.</summary>
    public sealed record Ruled(Scenario Scenario, string Vendor, bool Granted, double Draw, double Probability) : Minute(Scenario);

    public sealed record Reopened(Scenario Scenario, string Vendor, int DeadlineRound) : Minute(Scenario);

    /// <summary>The numbers behind a vendor's answer, told as <see cref="Weighing.Sentence"/> says them.</summary>
    public sealed record Weighed(Scenario Scenario, string Sentence) : Minute(Scenario);

    public sealed record Said(Scenario Scenario, string Party, string Text) : Minute(Scenario);

    public sealed record SameTermsAsked(Scenario Scenario, string Vendor) : Minute(Scenario);

    public sealed record SameTermsExtended(Scenario Scenario, string SignedBy, IReadOnlyList<string> To) : Minute(Scenario);

    public sealed record Deadline(Scenario Scenario, IReadOnlyList<string> Vendors) : Minute(Scenario);

    /// <summary>The instructor announces a world event live, for a later round.</summary>
    public sealed record Announced(Scenario Scenario, WorldEvent World) : Minute(Scenario);
}
