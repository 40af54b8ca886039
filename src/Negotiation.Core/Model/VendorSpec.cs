namespace Negotiation.Core.Model;

public enum ThreatResponse { Hold, Concede, WalkAway }

public enum DesignationResponse { Accept, Litigate, Exit }

public enum StatementTrigger { Opened, Threatened, Designated, Signed, RivalSigned, LitigationFiled, Ruled, WalkedAway }

public sealed record Statement(StatementTrigger On, string Text);

public sealed record VendorSpec(
    string Id,
    string Name,
    IReadOnlyDictionary<string, Preference> Preferences,
    IReadOnlyList<RedLine> RedLines,
    double Reservation,
    StrategySpec Strategy,
    ThreatResponse OnThreat,
    DesignationResponse OnDesignation,
    bool AsksSameTermsForAll,
    IReadOnlyList<Statement> Statements)
    : PartySpec(Id, Name, Preferences, RedLines, Reservation, Strategy);
