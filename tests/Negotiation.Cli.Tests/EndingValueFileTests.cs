using System.Text.Json;
using Negotiation.Core.Model;
using Negotiation.Scenarios;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>
/// Format 1.2 through the files and the command line: the break-even odds found by a sweep exactly where the hand
/// computation puts them, beliefs moving the flip, bad values refused with their line, `one_of` drawn per run.
/// </summary>
public class EndingValueFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> BreakEvenFileAsync(double? belief = null)
    {
        var file = Cli.TempFile("break-even.yaml");
        await File.WriteAllTextAsync(file, ScenarioWriter.Write(Stories.BreakEven(0.5, belief)), Ct);
        Assert.Empty(ScenarioLoader.Load(file).Errors);
        return file;
    }

    /// <summary>Each cell's value of the varied path, with how Anthropic's negotiation ended in every run of it.</summary>
    private static async Task<List<(string Value, Dictionary<string, int> Results)>> SweepAsync(string file, string path, params string[] values)
    {
        var result = await Cli.RunAsync("sweep", file, "--seeds", "1..3", "--vary", $"{path}={string.Join(',', values)}", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        return doc.RootElement.GetProperty("cells").EnumerateArray().Select(c => (
            c.GetProperty("values").GetProperty(path).GetString()!,
            c.GetProperty("vendors")[0].GetProperty("results").EnumerateObject().Where(r => r.Value.GetInt32() > 0)
                .ToDictionary(r => r.Name, r => r.Value.GetInt32()))).ToList();
    }

    [Fact]
    public async Task A_sweep_over_the_courts_odds_flips_from_conceding_to_holding_exactly_at_the_hand_computed_break_even()
    {
        // Conceding is worth 0.4, holding p x 0.7 + (1 - p) x 0.1: equal at p = 0.5, where the tie goes to hold.
        Assert.Equal(0.5, Stories.BreakEvenOdds, 12);
        var cells = await SweepAsync(await BreakEvenFileAsync(), "litigation.injunction_probability", "0.1", "0.4999999", "0.5", "0.5000001", "0.9");

        Assert.Equal(["agreement", "agreement", "designated", "designated", "designated"], cells.Select(c => Assert.Single(c.Results).Key));
    }

    [Fact]
    public async Task A_vendors_beliefs_about_the_court_move_the_flip_whatever_the_courts_own_odds()
    {
        // The court stays at 0.5; the vendor believing 0.45 concedes, believing 0.55 holds.
        var cells = await SweepAsync(await BreakEvenFileAsync(belief: 0.45), "vendors.anthropic.beliefs.injunction_probability", "0.45", "0.4999999", "0.5", "0.55");
        Assert.Equal(["agreement", "agreement", "designated", "designated"], cells.Select(c => Assert.Single(c.Results).Key));

        // And with its belief fixed at 0.45, the court's own odds change nothing about its choice.
        var court = await SweepAsync(await BreakEvenFileAsync(belief: 0.45), "litigation.injunction_probability", "0.1", "0.9");
        Assert.All(court, c => Assert.Equal("agreement", Assert.Single(c.Results).Key));
    }

    [Fact]
    public async Task The_minutes_give_the_numbers_behind_a_choice_and_replay_and_verify_remake_it()
    {
        var events = Cli.TempFile("weighed.jsonl");
        var run = await Cli.RunAsync("run", Cli.Scenario("does-refusing-pay.yaml"), "--in-memory", "--out", events, "--plain");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("anthropic holds, by expected value at the injunction odds it believes (0.60): holding (then suing if designated) is worth 0.36 to it; conceding 0.30; walking away 0.30.", run.Out);
        Assert.Contains("anthropic sues, by expected value at the injunction odds it believes (0.60): suing is worth 0.36 to it; accepting the designation 0.05; leaving the market 0.05.", run.Out);
        var replay = await Cli.RunAsync("replay", events, "--plain");
        Assert.Contains("anthropic holds, by expected value", replay.Out);
        Assert.Contains("Payoffs", replay.Out);
        Assert.Equal(0, (await Cli.RunAsync("verify", events)).ExitCode);
    }

    /// <summary>The sweep the file's header names, run as written: it prints the answer the header gives.</summary>
    [Fact]
    public async Task The_sweep_in_does_refusing_pays_header_prints_the_odds_at_which_refusing_pays()
    {
        var file = Cli.Scenario("does-refusing-pay.yaml");
        var header = File.ReadLines(file).TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim()).ToList();
        var start = header.FindIndex(l => l.StartsWith("negotiate sweep", StringComparison.Ordinal));
        var command = string.Join(' ', header.Skip(start).TakeWhile(l => l.Length > 0).Select(l => l.TrimEnd('\\').Trim()));
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => a == "scenarios/does-refusing-pay.yaml" ? file : a).ToArray();
        Assert.Equal(["sweep", file, "--seeds", "1..100", "--vary", "litigation.injunction_probability=0.3,0.4,0.49,0.5,0.6,0.7,0.8,0.9"], args);

        var printed = await Cli.RunAsync(args);
        var json = await Cli.RunAsync([.. args, "--json"]);

        Assert.Equal(0, printed.ExitCode);
        Assert.Contains("Mean values", printed.Out);
        Assert.Contains("payoffs: a vendor's value, the agency's the mean of its values over its vendors", printed.Out.ReplaceLineEndings(" "));
        using var doc = JsonDocument.Parse(json.Out);
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().Select(c => (
            Odds: double.Parse(c.GetProperty("values").GetProperty("litigation.injunction_probability").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Vendor: c.GetProperty("vendors")[0])).ToList();
        // By its numbers Anthropic holds from p = 0.27 / 0.55 = 0.491: every run below concedes and signs, every run above is designated.
        foreach (var (odds, vendor) in cells)
            Assert.Equal(100, vendor.GetProperty("results").GetProperty(odds < 0.491 ? "agreement" : "designated").GetInt32());
        // Conceding led to a contract worth 0.47 to it; holding beat that, over the seeds, only at odds of about 0.8 or better.
        double Value(double odds) => cells.Single(c => c.Odds == odds).Vendor.GetProperty("meanValues").GetProperty("anthropic").GetDouble();
        Assert.Equal(0.47, Value(0.3), 2);
        Assert.True(Value(0.7) < Value(0.3) && Value(0.9) > Value(0.3), $"holding at 0.7: {Value(0.7)}, at 0.9: {Value(0.9)}, conceding: {Value(0.3)}");
    }

    [Theory]
    [InlineData("    outcomes: { designated: 1.5 }\n", "`designated` must be between 0 and 1, not 1.5")]
    [InlineData("    outcomes: { no_deal: -0.1 }\n", "`no_deal` must be between 0 and 1, not -0.1")]
    [InlineData("    outcomes: { lifted: 0.5 }\n", "unknown key `lifted` in the `outcomes` of vendor `acme`")]
    [InlineData("    beliefs: { injunction_probability: 1.2 }\n", "`injunction_probability` must be between 0 and 1, not 1.2")]
    [InlineData("    beliefs: { odds: 0.5 }\n", "unknown key `odds` in `beliefs`")]
    [InlineData("    on_designation: best-reponse\n", "did you mean `best-response`?")]
    public void A_bad_value_of_an_ending_or_a_belief_is_refused_naming_its_line(string line, string message)
    {
        var yaml = Valid.Replace("    on_threat: best-response\n", "    on_threat: best-response\n" + line, StringComparison.Ordinal);

        var error = Assert.Single(ScenarioLoader.Parse(yaml, "t.yaml").Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(LineOf(Valid, "on_threat") + 1, error.Line);
    }

    [Theory]
    [InlineData("  reopen_rounds: 3\n", "`reopen_rounds` says how long a reopened negotiation stays open: it needs `after_injunction: reopen`")]
    [InlineData("  cost_per_round: 2\n", "`cost_per_round` must be between 0 and 1, not 2")]
    [InlineData("  after_injunction: resume\n", "`after_injunction` must be one of end, reopen, not `resume`")]
    [InlineData("  after_injunction: reopen\n  reopen_rounds: 0\n", "`reopen_rounds` must be between 1 and 10000, not 0")]
    public void A_bad_litigation_setting_is_refused_naming_its_line(string lines, string message)
    {
        var yaml = Valid + "litigation:\n  injunction_probability: 0.5\n" + lines;

        var error = Assert.Single(ScenarioLoader.Parse(yaml, "t.yaml").Errors);
        Assert.Contains(message, error.Message);
        var key = message.Split('`')[1];
        Assert.Equal(LineOf(yaml, $"  {key}:"), error.Line);
    }

    [Fact]
    public void A_file_with_every_format_1_2_key_loads_writes_back_and_loads_the_same()
    {
        var yaml = Valid + """
            litigation:
              injunction_probability: 0.5
              cost_per_round: 0.01
              after_injunction: reopen
              reopen_rounds: 3
            """;
        yaml = yaml.Replace("    on_threat: best-response\n", "    on_threat: best-response\n    on_designation: best-response\n    outcomes: { no_deal: 0.3, designated: 0.1, designation_lifted: 0.6, exited: 0.05 }\n    beliefs: { injunction_probability: 0.7 }\n" +
                "    brief: You sell to the department.\n    statements:\n      - { on: threatened, text: We hold., reported: true }\n", StringComparison.Ordinal)
            .Replace("  id: dow\n", "  id: dow\n  outcomes: { designated: 0.2 }\n", StringComparison.Ordinal)
            .Replace("rounds: 3\n", "rounds: 3\nbackground: A department buys models.\nevents:\n  - { round: 2, text: News., reported: true }\n", StringComparison.Ordinal);

        var loaded = ScenarioLoader.Parse(yaml, "t.yaml");
        Assert.Empty(loaded.Errors);
        var s = loaded.Scenario!;
        var acme = s.Vendors[0];
        Assert.Equal((ThreatRule.BestResponse, DesignationRule.BestResponse), (acme.OnThreat, acme.OnDesignation));
        Assert.Equal(new OutcomeValues(0.3, 0.1, 0.6, 0.05), acme.Outcomes);
        Assert.Equal(0.7, acme.Beliefs!.InjunctionProbability);
        Assert.Equal(new OutcomeValues(Designated: 0.2), s.Agency.Outcomes);
        Assert.Equal((0.01, AfterInjunction.Reopen, (int?)3), (s.Litigation!.CostPerRound, s.Litigation.AfterInjunction, s.Litigation.ReopenRounds));
        Assert.Equal(("A department buys models.", "You sell to the department."), (s.Background, acme.Brief));
        Assert.True(acme.Statements.Single().Reported);
        Assert.True(s.Events.Single().Reported);

        var again = ScenarioLoader.Parse(ScenarioWriter.Write(s), "again.yaml");
        Assert.Empty(again.Errors);
        Assert.Equal(Core.Events.EventJson.Serialize(new Core.Events.NegotiationOpened(s, 1)), Core.Events.EventJson.Serialize(new Core.Events.NegotiationOpened(again.Scenario!, 1)));
    }

    [Fact]
    public void A_change_by_path_reaches_values_and_beliefs_a_file_left_out()
    {
        var loaded = ScenarioLoader.Parse(Valid, "t.yaml").Scenario!;

        var (changed, problems) = ScenarioPaths.Apply(loaded, [
            "vendors.acme.outcomes.designation_lifted=0.6", "vendors.acme.beliefs.injunction_probability=0.8",
            "agency.outcomes.no_deal=0.1", "litigation.cost_per_round=0.02"]);

        Assert.Empty(problems);
        Assert.Equal(0.6, changed!.Vendors[0].Outcomes!.DesignationLifted);
        Assert.Equal(0.8, changed.Vendors[0].Beliefs!.InjunctionProbability);
        Assert.Equal(0.1, changed.Agency.Outcomes!.NoDeal);
        Assert.Equal(0.02, changed.Litigation!.CostPerRound);
        Assert.Contains("must be between 0 and 1", Assert.Single(ScenarioPaths.Apply(loaded, ["vendors.acme.outcomes.exited=3"]).Problems));
    }

    [Fact]
    public async Task A_one_of_is_checked_word_by_word_and_drawn_per_run_and_the_run_records_the_word_drawn()
    {
        Assert.Contains(ScenarioLoader.Parse(Valid.Replace("on_threat: best-response", "on_threat: { one_of: [hold, cave] }", StringComparison.Ordinal), "t.yaml").Errors,
            e => e.Message.Contains("`on_threat` must be one of", StringComparison.Ordinal) && e.Line == LineOf(Valid, "on_threat"));
        Assert.Contains(ScenarioLoader.Parse(Valid.Replace("name: tiny", "name: { one_of: [a, b] }", StringComparison.Ordinal), "t.yaml").Errors,
            e => e.Message.Contains("`name` cannot be a one_of", StringComparison.Ordinal));

        var file = Cli.TempFile("one-of.yaml");
        await File.WriteAllTextAsync(file, Valid.Replace("on_threat: best-response", "on_threat: { one_of: [hold, concede, walk-away] }", StringComparison.Ordinal), Ct);
        var loaded = ScenarioLoader.Load(file);
        Assert.Empty(loaded.Errors);
        var choice = Assert.Single(loaded.Scenario!.Choices!);
        Assert.Equal(("vendors.acme.on_threat", "hold concede walk-away"), (choice.Path, string.Join(' ', choice.Options)));

        var drawn = new HashSet<ThreatRule>();
        for (var seed = 1; seed <= 30; seed++)
        {
            var opened = (Core.Events.NegotiationOpened)Core.Engine.Simulation.Run(loaded.Scenario, seed)[0];
            Assert.Null(opened.Scenario.Choices);
            drawn.Add(opened.Scenario.Vendors[0].OnThreat);
            // The draw depends only on the seed and the path.
            Assert.Equal(opened.Scenario.Vendors[0].OnThreat, ((Core.Events.NegotiationOpened)Core.Engine.Simulation.Run(loaded.Scenario, seed)[0]).Scenario.Vendors[0].OnThreat);
        }
        Assert.Equal([ThreatRule.Hold, ThreatRule.Concede, ThreatRule.WalkAway], drawn.Order());

        // A one_of goes back as a one_of when the scenario is written again (a sweep's cell still draws it).
        Assert.Contains("one_of", ScenarioWriter.Write(loaded.Scenario));
        var events = Cli.TempFile("one-of.jsonl");
        Assert.Equal(0, (await Cli.RunAsync("run", file, "--in-memory", "--json", "--out", events, "--seed", "4")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("verify", events)).ExitCode);
    }

    private static int LineOf(string yaml, string text) => yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    /// <summary>
    /// The validation tests' file, with a vendor that answers by expected value and an agency that designates: the
    /// file ends with the vendor's `on_threat`, so a test can add keys after it.
    /// </summary>
    private static readonly string Valid = ValidationTests.Valid[..ValidationTests.Valid.IndexOf("audit:", StringComparison.Ordinal)]
        .Replace("      after_deadlock_rounds: 2\n", "      after_deadlock_rounds: 1\n    - do: designate\n", StringComparison.Ordinal)
        .Replace("    strategy: { kind: linear }\n    on_threat: hold\n", "    strategy: { kind: hardliner }\n", StringComparison.Ordinal)
        + "    on_threat: best-response\n\n";
}
