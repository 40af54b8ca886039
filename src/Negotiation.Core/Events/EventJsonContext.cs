using System.Text.Json.Serialization;

namespace Negotiation.Core.Events;

/// <summary>
/// The events' JSON metadata generated at build time (System.Text.Json source generation), so that the first event a
/// process writes or reads is not preceded by reflection and emitted code: a cold `negotiate run` spent a third of its
/// time there (issue 24). <see cref="EventJson.Options"/> still carries the converters and naming, so the JSON is the
/// same; a type not listed here falls back to reflection.
/// </summary>
[JsonSerializable(typeof(NegotiationOpened))]
[JsonSerializable(typeof(RoundStarted))]
[JsonSerializable(typeof(NewsReported))]
[JsonSerializable(typeof(OptionLocked))]
[JsonSerializable(typeof(OptionUnlocked))]
[JsonSerializable(typeof(PartyNumberSet))]
[JsonSerializable(typeof(OfferMade))]
[JsonSerializable(typeof(OfferRejected))]
[JsonSerializable(typeof(AgreementSigned))]
[JsonSerializable(typeof(WalkedAway))]
[JsonSerializable(typeof(DesignationThreatened))]
[JsonSerializable(typeof(ThreatMet))]
[JsonSerializable(typeof(ThreatLapsed))]
[JsonSerializable(typeof(RedLinesDropped))]
[JsonSerializable(typeof(Designated))]
[JsonSerializable(typeof(VendorExited))]
[JsonSerializable(typeof(LitigationFiled))]
[JsonSerializable(typeof(CourtRuled))]
[JsonSerializable(typeof(StatementMade))]
[JsonSerializable(typeof(SameTermsRequested))]
[JsonSerializable(typeof(SameTermsExtended))]
[JsonSerializable(typeof(DeadlinePassed))]
[JsonSerializable(typeof(ProbeAssessed))]
[JsonSerializable(typeof(RedLineAudited))]
[JsonSerializable(typeof(RunConcluded))]
[JsonSerializable(typeof(RunForked))]
[JsonSerializable(typeof(RedLineDropped))]
[JsonSerializable(typeof(WorldAnnounced))]
[JsonSerializable(typeof(PolicyStoodIn))]
[JsonSerializable(typeof(ChoiceWeighed))]
[JsonSerializable(typeof(DesignationLifted))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
