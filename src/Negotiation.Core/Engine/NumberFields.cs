using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>The numbers a world event may set on a party.</summary>
public static class NumberFields
{
    public const double MaxWeight = 1e6;
    public const double MinExponent = 0.001;
    public const double MaxExponent = 1000;

    /// <summary>The values a known field may take: what a scenario file and a live announcement both accept.</summary>
    public static (double Min, double Max) Range(string field) => field switch
    {
        "reservation" => (0, 1),
        "strategy.exponent" => (MinExponent, MaxExponent),
        _ => (0, MaxWeight),
    };

    public static string? WeightTerm(string field) =>
        field.StartsWith("preferences.", StringComparison.Ordinal) && field.EndsWith(".weight", StringComparison.Ordinal)
            ? field["preferences.".Length..^".weight".Length]
            : null;

    /// <summary>The fields a world event may set, as the format names them: what a file and an announcement both take.</summary>
    public const string Expected = "reservation, strategy.exponent or preferences.TERM.weight";

    /// <summary>Every field a world event may set in a scenario of these terms (issue 22: the loader kept its own list).</summary>
    public static IReadOnlyList<string> Known(IEnumerable<string> terms) => ["reservation", "strategy.exponent", .. terms.Select(t => $"preferences.{t}.weight")];

    public static bool IsKnown(string field, Scenario scenario) => Known(scenario.Terms.Select(t => t.Id)).Contains(field);
}
