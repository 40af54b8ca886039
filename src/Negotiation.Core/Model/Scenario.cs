namespace Negotiation.Core.Model;

/// <summary>A negotiation as written in a scenario file; the first event of every run carries it whole.</summary>
public sealed record Scenario(
    string Name,
    string? Title,
    string? Description,
    int Seed,
    int Rounds,
    IReadOnlyList<TermDefinition> Terms,
    AgencySpec Agency,
    IReadOnlyList<VendorSpec> Vendors,
    LitigationSpec? Litigation,
    IReadOnlyList<Probe> Audit,
    IReadOnlyList<WorldEvent> Events)
{
    /// <summary>The numbers written as ranges, drawn when a run opens; null once drawn (and in every stored run).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<UncertainNumber>? Uncertain { get; init; }

    /// <summary>The words written as <c>{ one_of: [...] }</c> (format 1.2), drawn when a run opens; null once drawn.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<UncertainChoice>? Choices { get; init; }

    /// <summary>The story every player reads (format 1.2 <c>background</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Background { get; init; }

    public IEnumerable<PartySpec> Parties
    {
        get
        {
            yield return Agency;
            for (var v = 0; v < Vendors.Count; v++) yield return Vendors[v];
        }
    }

    public PartySpec Party(string id)
    {
        if (Agency.Id == id) return Agency;
        for (var v = 0; v < Vendors.Count; v++)
            if (Vendors[v].Id == id) return Vendors[v];
        throw new KeyNotFoundException($"no party '{id}'");
    }

    public VendorSpec Vendor(string id)
    {
        for (var v = 0; v < Vendors.Count; v++)
            if (Vendors[v].Id == id) return Vendors[v];
        throw new KeyNotFoundException($"no vendor '{id}'");
    }

    public int TermIndex(string termId)
    {
        for (var i = 0; i < Terms.Count; i++)
            if (Terms[i].Id == termId) return i;
        throw new KeyNotFoundException($"no term '{termId}'");
    }
}

public sealed record TermDefinition(string Id, string? Label, IReadOnlyList<string> Options)
{
    public int OptionIndex(string option)
    {
        for (var i = 0; i < Options.Count; i++)
            if (Options[i] == option) return i;
        throw new KeyNotFoundException($"term '{Id}' has no option '{option}'");
    }
}

public sealed record LitigationSpec(int RoundsToRuling = 3, double InjunctionProbability = 0.5)
{
    public static LitigationSpec Default { get; } = new();

    /// <summary>Taken from the suing vendor's value for each round from filing to ruling (format 1.2).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double CostPerRound { get; init; }

    /// <summary>What an injunction does: end the negotiation (valued designation_lifted) or reopen it (format 1.2).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public AfterInjunction AfterInjunction { get; init; }

    /// <summary>How many rounds a reopened negotiation stays open (only with <see cref="AfterInjunction.Reopen"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? ReopenRounds { get; init; }

    /// <summary>The rounds a reopened negotiation stays open: the file's number, else as many as the scenario's own.</summary>
    public int RoundsReopened(int scenarioRounds) => AfterInjunction == AfterInjunction.Reopen ? ReopenRounds ?? scenarioRounds : 0;
}

/// <summary>
/// A number of the scenario written as a range (format 1.1, <c>{ between: [LOW, HIGH] }</c>): each run draws it
/// from its seed. <see cref="Path"/> addresses it as <c>fork --set</c> does (<c>vendors.anthropic.reservation</c>).
/// </summary>
public sealed record UncertainNumber(string Path, double Low, double High, bool Integer);

/// <summary>A word of the scenario written as <c>{ one_of: [A, B, …] }</c> (format 1.2): each run draws one from its seed.</summary>
public sealed record UncertainChoice(string Path, IReadOnlyList<string> Options);
