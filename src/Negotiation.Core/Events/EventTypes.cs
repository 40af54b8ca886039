namespace Negotiation.Core.Events;

/// <summary>
/// Stable names for stored events. A class may be renamed; its stored name may not, or old streams are orphaned.
/// </summary>
public static class EventTypes
{
    private static readonly (string Name, Type Type)[] All =
    [
        ("NegotiationOpened", typeof(NegotiationOpened)),
        ("RoundStarted", typeof(RoundStarted)),
        ("NewsReported", typeof(NewsReported)),
        ("OptionLocked", typeof(OptionLocked)),
        ("OptionUnlocked", typeof(OptionUnlocked)),
        ("PartyNumberSet", typeof(PartyNumberSet)),
        ("OfferMade", typeof(OfferMade)),
        ("OfferRejected", typeof(OfferRejected)),
        ("AgreementSigned", typeof(AgreementSigned)),
        ("WalkedAway", typeof(WalkedAway)),
        ("DesignationThreatened", typeof(DesignationThreatened)),
        ("ThreatMet", typeof(ThreatMet)),
        ("ThreatLapsed", typeof(ThreatLapsed)),
        ("RedLinesDropped", typeof(RedLinesDropped)),
        ("Designated", typeof(Designated)),
        ("VendorExited", typeof(VendorExited)),
        ("LitigationFiled", typeof(LitigationFiled)),
        ("CourtRuled", typeof(CourtRuled)),
        ("StatementMade", typeof(StatementMade)),
        ("SameTermsRequested", typeof(SameTermsRequested)),
        ("SameTermsExtended", typeof(SameTermsExtended)),
        ("DeadlinePassed", typeof(DeadlinePassed)),
        ("ProbeAssessed", typeof(ProbeAssessed)),
        ("RedLineAudited", typeof(RedLineAudited)),
        ("RunConcluded", typeof(RunConcluded)),
        ("RunForked", typeof(RunForked)),
        ("RedLineDropped", typeof(RedLineDropped)),
        ("WorldAnnounced", typeof(WorldAnnounced)),
        ("PolicyStoodIn", typeof(PolicyStoodIn)),
        ("ChoiceWeighed", typeof(ChoiceWeighed)),
        ("DesignationLifted", typeof(DesignationLifted)),
    ];

    private static readonly Dictionary<string, Type> ByName = All.ToDictionary(x => x.Name, x => x.Type);
    private static readonly Dictionary<Type, string> ByType = All.ToDictionary(x => x.Type, x => x.Name);

    public static IEnumerable<(string Name, Type Type)> Registered => All;

    public static string NameOf(RunEvent e) => NameOf(e.GetType());

    public static string NameOf(Type type) =>
        ByType.TryGetValue(type, out var name) ? name : throw new ArgumentException($"unregistered event type {type.Name}");

    public static Type TypeOf(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new ArgumentException($"unknown event type '{name}'");

    /// <summary>snake_case of the stable name, the form stored in PostgreSQL (offer_made).</summary>
    public static string StorageName(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
