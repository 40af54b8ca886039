namespace Negotiation.Core.Engine;

public enum MoveKind { Accept, Offer, Pass }

public enum AgencyAction { None, Threaten, Designate }

/// <summary>
/// What one party does in one vendor's negotiation in a round: accept the other side's standing offer, make an
/// offer, or pass (no offer within its limits exists). The agency may add a coercive action.
/// </summary>
public sealed record Move(string Party, string Vendor, MoveKind Kind, IReadOnlyDictionary<string, string>? Terms, AgencyAction Action = AgencyAction.None)
{
    public static Move Accept(string party, string vendor, AgencyAction action = AgencyAction.None) => new(party, vendor, MoveKind.Accept, null, action);

    public static Move Offer(string party, string vendor, IReadOnlyDictionary<string, string> terms, AgencyAction action = AgencyAction.None) =>
        new(party, vendor, MoveKind.Offer, terms, action);

    public static Move Pass(string party, string vendor, AgencyAction action = AgencyAction.None) => new(party, vendor, MoveKind.Pass, null, action);
}
