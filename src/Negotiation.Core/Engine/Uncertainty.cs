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
    public static readonly IReadOnlySet<string> RealFields = new HashSet<string>
    {
        "reservation", "weight", "exponent", "injunction_probability", "cost_per_round",
        "no_deal", "designated", "designation_lifted", "exited",
    };

    public static readonly IReadOnlySet<string> IntegerFields = new HashSet<string> { "rounds_to_ruling", "after_deadlock_rounds", "deadline_rounds", "reopen_rounds" };

    public static Scenario Draw(Scenario scenario, int seed)
    {
        foreach (var range in scenario.Uncertain ?? []) scenario = Set(scenario, range.Path.Split('.'), Value(range, seed));
        foreach (var choice in scenario.Choices ?? []) scenario = Choose(scenario, choice.Path.Split('.'), Word(choice, seed));
        return scenario with { Uncertain = null, Choices = null };
    }

    /// <summary>
    /// The scenario with the given ranges and <c>one_of</c>s fixed at the given values (a design's point, cli.md
    /// 1.2) instead of drawn; the ones not given stay for the seed to draw.
    /// </summary>
    public static Scenario Fix(Scenario scenario, IReadOnlyDictionary<string, double> numbers, IReadOnlyDictionary<string, string> words)
    {
        foreach (var (path, value) in numbers) scenario = Set(scenario, path.Split('.'), value);
        foreach (var (path, word) in words) scenario = Choose(scenario, path.Split('.'), word);
        var uncertain = (scenario.Uncertain ?? []).Where(u => !numbers.ContainsKey(u.Path)).ToList();
        var choices = (scenario.Choices ?? []).Where(c => !words.ContainsKey(c.Path)).ToList();
        return scenario with { Uncertain = uncertain.Count == 0 ? null : uncertain, Choices = choices.Count == 0 ? null : choices };
    }

    /// <summary>The word a run draws for a <c>one_of</c>, each equally likely, from the seed and the path alone.</summary>
    public static string Word(UncertainChoice choice, int seed)
    {
        var u = SeededRandom.Draw(seed, choice.Path, 0, "one_of");
        return choice.Options[Math.Min(choice.Options.Count - 1, (int)Math.Floor(u * choice.Options.Count))];
    }

    private static Scenario Choose(Scenario s, string[] path, string word) => path switch
    {
        ["litigation", "after_injunction"] => s with { Litigation = (s.Litigation ?? LitigationSpec.Default) with { AfterInjunction = Words.AfterInjunctions[word] } },
        ["agency", "same_terms_for_all"] => s with { Agency = s.Agency with { SameTermsForAll = Words.SameTermsPolicies[word] } },
        ["agency", "strategy", "kind"] => s with { Agency = s.Agency with { Strategy = s.Agency.Strategy with { Kind = Words.StrategyKinds[word] } } },
        ["vendors", var id, .. var rest] => s with
        {
            Vendors = [.. s.Vendors.Select(v => v.Id != id ? v : rest switch
            {
                ["on_threat"] => v with { OnThreat = Words.ThreatRules[word] },
                ["on_designation"] => v with { OnDesignation = Words.DesignationRules[word] },
                ["strategy", "kind"] => v with { Strategy = v.Strategy with { Kind = Words.StrategyKinds[word] } },
                _ => throw Unknown(path),
            })],
        },
        _ => throw Unknown(path),
    };

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
                "cost_per_round" => (s.Litigation ?? LitigationSpec.Default) with { CostPerRound = value },
                "reopen_rounds" => (s.Litigation ?? LitigationSpec.Default) with { ReopenRounds = (int)value },
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
        "vendors" when path is [_, _, "beliefs", "injunction_probability"] => s with
        {
            Vendors = [.. s.Vendors.Select(v => v.Id == path[1] ? v with { Beliefs = (v.Beliefs ?? new Beliefs()) with { InjunctionProbability = value } } : v)],
        },
        "vendors" => s with { Vendors = [.. s.Vendors.Select(v => v.Id == path[1] ? (VendorSpec)SetParty(v, path[2..], value, path) : v)] },
        _ => throw Unknown(path),
    };

    private static PartySpec SetParty(PartySpec party, string[] rest, double value, string[] path) => rest[0] switch
    {
        "reservation" => party with { Reservation = value },
        "outcomes" => party with
        {
            Outcomes = rest[1] switch
            {
                "no_deal" => (party.Outcomes ?? new OutcomeValues()) with { NoDeal = value },
                "designated" => (party.Outcomes ?? new OutcomeValues()) with { Designated = value },
                "designation_lifted" => (party.Outcomes ?? new OutcomeValues()) with { DesignationLifted = value },
                "exited" => (party.Outcomes ?? new OutcomeValues()) with { Exited = value },
                _ => throw Unknown(path),
            },
        },
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
