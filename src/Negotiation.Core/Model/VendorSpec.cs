namespace Negotiation.Core.Model;

public enum ThreatResponse { Hold, Concede, WalkAway }

public enum DesignationResponse { Accept, Litigate, Exit }

/// <summary>When a scripted statement is made; <see cref="Unprompted"/> marks a person's own words, never a file's.</summary>
public enum StatementTrigger { Opened, Threatened, Designated, Signed, RivalSigned, LitigationFiled, Ruled, WalkedAway, Unprompted }

public sealed record Statement(StatementTrigger On, string Text)
{
    /// <summary>The source story reports this statement (format 1.2); otherwise it is part of the exercise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Reported { get; init; }
}

public sealed record VendorSpec(
    string Id,
    string Name,
    IReadOnlyDictionary<string, Preference> Preferences,
    IReadOnlyList<RedLine> RedLines,
    double Reservation,
    StrategySpec Strategy,
    ThreatRule OnThreat,
    DesignationRule OnDesignation,
    bool AsksSameTermsForAll,
    IReadOnlyList<Statement> Statements)
    : PartySpec(Id, Name, Preferences, RedLines, Reservation, Strategy)
{
    /// <summary>What the vendor expects of the court (format 1.2); null: the court's own odds.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Beliefs? Beliefs { get; init; }
}
