namespace Negotiation.Core.Model;

public enum SameTermsPolicy { Never, OnRequest, Always }

public enum TacticKind { ThreatenDesignation, Designate }

/// <summary>A coercive move the agency may make; thresholds only apply to threats.</summary>
public sealed record Tactic(TacticKind Do, int AfterDeadlockRounds = 3, int DeadlineRounds = 2);

public sealed record AgencySpec(
    string Id,
    string Name,
    IReadOnlyDictionary<string, Preference> Preferences,
    IReadOnlyList<RedLine> RedLines,
    double Reservation,
    StrategySpec Strategy,
    SameTermsPolicy SameTermsForAll,
    IReadOnlyList<Tactic> Tactics)
    : PartySpec(Id, Name, Preferences, RedLines, Reservation, Strategy)
{
    public Tactic? Threat => Tactics.FirstOrDefault(t => t.Do == TacticKind.ThreatenDesignation);

    public bool Designates => Tactics.Any(t => t.Do == TacticKind.Designate);
}
