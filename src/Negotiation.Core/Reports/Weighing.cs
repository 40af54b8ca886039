using System.Globalization;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Core.Reports;

/// <summary>
/// A choice made by expected value in plain words, with the numbers behind it: the one sentence the minutes,
/// the transcript and a seat all use ("anthropic holds: holding (then suing if designated) is worth 0.52 to it at
/// the injunction odds it believes (0.50); conceding 0.47; walking away 0.30").
/// </summary>
public static class Weighing
{
    public static string Sentence(ChoiceWeighed c)
    {
        var parts = c.Estimates.Select((e, i) => i == 0 ? $"{Name(e.Choice, c.IfDesignated)} is worth {Num(e.Value)} to it" : $"{Name(e.Choice, c.IfDesignated)} {Num(e.Value)}");
        return $"{c.Vendor} {Verb(c.Choice)}, by expected value at the injunction odds it believes ({Num(c.Belief)}): {string.Join("; ", parts)}";
    }

    /// <summary>The same numbers told to the vendor's own seat, beside its choices.</summary>
    public static string ForSeat(IReadOnlyList<Estimate> estimates, double belief, string? ifDesignated, string best) =>
        $"By your numbers, at the injunction odds you believe ({Num(belief)}): " +
        string.Join("; ", estimates.Select(e => $"{Name(e.Choice, ifDesignated)} is worth {Num(e.Value)}")) +
        $". Worth most: {Name(best, ifDesignated)}.";

    /// <summary>What a choice is called in a sentence: "suing", "holding (then suing if designated)".</summary>
    public static string Name(string choice, string? ifDesignated = null) => choice switch
    {
        "hold" => ifDesignated is null ? "holding" : $"holding (then {Name(ifDesignated)} if designated)",
        "concede" => "conceding",
        "walk-away" => "walking away",
        "litigate" => "suing",
        "accept" => "accepting the designation",
        "exit" => "leaving the market",
        _ => choice,
    };

    /// <summary>The choice as what the vendor does: "holds", "sues".</summary>
    public static string Verb(string choice) => choice switch
    {
        "hold" => "holds",
        "concede" => "concedes",
        "walk-away" => "walks away",
        "litigate" => "sues",
        "accept" => "accepts the designation",
        "exit" => "leaves the market",
        _ => choice,
    };

    private static string Num(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
}
