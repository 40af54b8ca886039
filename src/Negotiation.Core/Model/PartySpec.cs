namespace Negotiation.Core.Model;

/// <summary>What the agency and every vendor have in common: preferences, red lines, reservation, strategy.</summary>
public abstract record PartySpec(
    string Id,
    string Name,
    IReadOnlyDictionary<string, Preference> Preferences,
    IReadOnlyList<RedLine> RedLines,
    double Reservation,
    StrategySpec Strategy)
{
    /// <summary>
    /// An addition to the format: the party keeps its offers inside the other side's red lines that it has
    /// seen named in a rejection, where its own red lines leave it such an option. Off by default.
    /// </summary>
    public bool AvoidsKnownRedLines { get; init; }

    /// <summary>The party's values of the endings without a contract (format 1.2); null: every default.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public OutcomeValues? Outcomes { get; init; }

    /// <summary>The party's confidential instructions, for the person who plays it (format 1.2 <c>brief</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Brief { get; init; }
}

/// <summary>A term's weight and the value the party gives each of its options.</summary>
public sealed record Preference(double Weight, IReadOnlyDictionary<string, double> Values);

public enum StrategyKind { Boulware, Linear, Conceder, Hardliner, TitForTat }

public sealed record StrategySpec(StrategyKind Kind, double? Exponent = null)
{
    public static StrategySpec Default { get; } = new(StrategyKind.Linear);

    public double EffectiveExponent => Exponent ?? Kind switch
    {
        StrategyKind.Boulware => 0.2,
        StrategyKind.Conceder => 3.0,
        _ => 1.0,
    };
}
