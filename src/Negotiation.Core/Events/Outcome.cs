namespace Negotiation.Core.Events;

public enum OutcomeResult { Agreement, WalkedAway, Designated, Deadline }

public enum LitigationStatus { Pending, InjunctionGranted, InjunctionDenied }

/// <summary>How one vendor's negotiation ended. Terms and utilities only for an agreement.</summary>
public sealed record Outcome(
    string Vendor,
    OutcomeResult Result,
    int Round,
    IReadOnlyDictionary<string, string>? Terms,
    IReadOnlyDictionary<string, double>? Utilities,
    LitigationStatus? Litigation);
