namespace Negotiation.Core.Events;

/// <summary>How a negotiation ended; <see cref="Open"/> only for a run read before its end (never in <see cref="RunConcluded"/>).</summary>
public enum OutcomeResult { Agreement, WalkedAway, Designated, Deadline, Open }

public enum LitigationStatus { Pending, InjunctionGranted, InjunctionDenied }

/// <summary>How one vendor's negotiation ended. Terms and utilities only for an agreement.</summary>
public sealed record Outcome(
    string Vendor,
    OutcomeResult Result,
    int Round,
    IReadOnlyDictionary<string, string>? Terms,
    IReadOnlyDictionary<string, double>? Utilities,
    LitigationStatus? Litigation);
