using System.Globalization;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// Draws a scenario's uncertain numbers from the run's seed, uniformly in their range (integers with both ends
/// included). Each draw depends only on the seed and the number's path, so making one more number uncertain
/// leaves the others' draws as they were. The drawn scenario is what the run's first event records.
/// </summary>
public static class Uncertainty
{
    /// <summary>The fields a range may stand for, by their last path segment; values of options are matched apart.</summary>
    public static readonly IReadOnlySet<string> RealFields = new HashSet<string> { "reservation", "weight", "exponent", "injunction_probability" };

    public static readonly IReadOnlySet<string> IntegerFields = new HashSet<string> { "rounds_to_ruling", "after_deadlock_rounds", "deadline_rounds" };

    public static Scenario Draw(Scenario scenario, int seed)
    {
        if (scenario.Uncertain is not { Count: > 0 } ranges) return scenario with { Uncertain = null };
        foreach (var range in ranges) scenario = Set(scenario, range.Path.Split('.'), Value(range, seed));
        return scenario with { Uncertain = null };
    }

    public static double Value(UncertainNumber range, int seed)
    {
        var u = SeededRandom.Draw(seed, range.Path, 0, "between");
        return range.Integer
            ? Math.Min(range.High, Math.Floor(range.Low + u * (range.High - range.Low + 1)))
            : range.Low + u * (range.High - range.Low);
    }

    private static Scenario Set(Scenario s, string[] path, double value) => path[0] switch
    {
        "litigation" => s with
        {
            Litigation = path[1] switch
            {
                "injunction_probability" => (s.Litigation ?? LitigationSpec.Default) with { InjunctionProbability = value },
                "rounds_to_ruling" => (s.Litigation ?? LitigationSpec.Default) with { RoundsToRuling = (int)value },
                _ => throw Unknown(path),
            },
        },
        "agency" when path[1] == "tactics" => s with
        {
            Agency = s.Agency with
            {
                Tactics = [.. s.Agency.Tactics.Select((t, i) => i != int.Parse(path[2], CultureInfo.InvariantCulture) ? t : path[3] switch
                {
                    "after_deadlock_rounds" => t with { AfterDeadlockRounds = (int)value },
                    "deadline_rounds" => t with { DeadlineRounds = (int)value },
                    _ => throw Unknown(path),
                })],
            },
        },
        "agency" => s with { Agency = (AgencySpec)SetParty(s.Agency, path[1..], value, path) },
        "vendors" => s with { Vendors = [.. s.Vendors.Select(v => v.Id == path[1] ? (VendorSpec)SetParty(v, path[2..], value, path) : v)] },
        _ => throw Unknown(path),
    };

    private static PartySpec SetParty(PartySpec party, string[] rest, double value, string[] path) => rest[0] switch
    {
        "reservation" => party with { Reservation = value },
        "strategy" when rest[1] == "exponent" => party with { Strategy = party.Strategy with { Exponent = value } },
        "preferences" => party with
        {
            Preferences = party.Preferences.ToDictionary(kv => kv.Key, kv => kv.Key != rest[1] ? kv.Value : rest[2] switch
            {
                "weight" => kv.Value with { Weight = value },
                "values" => kv.Value with { Values = kv.Value.Values.ToDictionary(o => o.Key, o => o.Key == rest[3] ? value : o.Value) },
                _ => throw Unknown(path),
            }),
        },
        _ => throw Unknown(path),
    };

    private static InvalidMoveException Unknown(string[] path) => new($"no uncertain number at `{string.Join('.', path)}`");
}
