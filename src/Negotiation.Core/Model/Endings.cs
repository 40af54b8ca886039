using System.Text.Json.Serialization;

namespace Negotiation.Core.Model;

/// <summary>
/// A party's value of each way a negotiation can end without a contract (format 1.2 <c>outcomes</c>), on its
/// utility scale. A value left out takes the format's default (see <see cref="Engine.Endings"/>).
/// </summary>
public sealed record OutcomeValues(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? NoDeal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Designated = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DesignationLifted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Exited = null);

/// <summary>What a vendor expects that may differ from the scenario's truth (format 1.2 <c>beliefs</c>).</summary>
public sealed record Beliefs(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? InjunctionProbability = null);

/// <summary>The ways a negotiation can end without a contract, each valued by a party's <c>outcomes</c> (format 1.2).</summary>
public enum Ending { NoDeal, Designated, DesignationLifted, Exited }

/// <summary>How a vendor answers a threat: a fixed answer, or the one worth most to it by the format's estimates.</summary>
public enum ThreatRule { Hold, Concede, WalkAway, BestResponse }

/// <summary>How a vendor answers a designation: a fixed answer, or the one worth most to it.</summary>
public enum DesignationRule { Accept, Litigate, Exit, BestResponse }

/// <summary>What an injunction does (format 1.2 <c>after_injunction</c>): end the negotiation, or reopen it.</summary>
public enum AfterInjunction { End, Reopen }
