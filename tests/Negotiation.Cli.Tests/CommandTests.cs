using Negotiation.Core.Events;
using System.Text.Json;
using Negotiation.Persistence;

namespace Negotiation.Cli.Tests;

/// <summary>The commands of cli.md without a database: output shapes, files, exit codes.</summary>
public class CommandTests
{
    private static readonly string Story = Cli.Scenario("the-whole-story.yaml");

    [Fact]
    public async Task Run_prints_the_minutes_round_by_round_then_outcomes_and_audit()
    {
        var result = await Cli.RunAsync("run", Story);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Contains("Round 1", result.Out);
        Assert.Contains("dow threatens anthropic with a supply chain risk designation", result.Out);
        Assert.Contains("dow designates anthropic a supply chain risk", result.Out);
        Assert.Contains("No amount of intimidation", result.Out);
        Assert.Contains("Outcomes", result.Out);
        Assert.Contains("Audit of the contract with OpenAI", result.Out);
        Assert.Contains("Deal analysis", result.Out);
        Assert.DoesNotContain("\u001b[", result.Out);
    }

    [Fact]
    public async Task Json_prints_only_the_summary_with_the_fields_of_cli_md()
    {
        var result = await Cli.RunAsync("run", Story, "--json", "--seed", "11");

        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal(["runId", "scenario", "seed", "rounds", "eventCount", "outcomes", "audit", "payoffs"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("the-whole-story", 11), (root.GetProperty("scenario").GetString(), root.GetProperty("seed").GetInt32()));
        var first = root.GetProperty("outcomes")[0];
        Assert.Equal(["vendor", "result", "round", "terms", "utilities", "litigation", "values"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("terms").ValueKind);
        // Format 1.2: a designated vendor's ending has a value to both sides; `utilities` keeps its version 1 meaning.
        Assert.Equal("designated", first.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("utilities").ValueKind);
        Assert.Equal(["dow", "anthropic"], first.GetProperty("values").EnumerateObject().Select(p => p.Name));
        var payoffs = root.GetProperty("payoffs");
        Assert.Equal(["dow", "anthropic", "openai", "xai"], payoffs.EnumerateObject().Select(p => p.Name));
        var agencyValues = root.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("values").GetProperty("dow").GetDouble()).ToList();
        Assert.Equal(agencyValues.Average(), payoffs.GetProperty("dow").GetDouble(), 3);
        Assert.Equal(first.GetProperty("values").GetProperty("anthropic").GetDouble(), payoffs.GetProperty("anthropic").GetDouble());
        var signed = root.GetProperty("outcomes")[1];
        Assert.Equal(["usage_scope", "domestic_surveillance", "autonomous_weapons", "safety_stack", "deployment"],
            signed.GetProperty("terms").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["dow", "openai"], signed.GetProperty("utilities").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["vendor", "probes", "redLines"], root.GetProperty("audit")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_same_file_and_seed_give_the_same_event_file()
    {
        var a = Cli.TempFile("a.jsonl");
        var b = Cli.TempFile("b.jsonl");
        await Cli.RunAsync("run", Story, "--json", "--out", a);
        await Cli.RunAsync("run", Story, "--json", "--out", b);

        Assert.Equal(File.ReadAllLines(a), File.ReadAllLines(b));
        Assert.StartsWith("{\"seq\":1,\"type\":\"NegotiationOpened\",\"data\":{", File.ReadLines(a).First());
    }

    [Fact]
    public async Task Replaying_the_event_file_gives_the_summary_the_run_printed()
    {
        var file = Cli.TempFile("story.jsonl");
        var run = await Cli.RunAsync("run", Story, "--json", "--out", file);
        var replay = await Cli.RunAsync("replay", file, "--json");

        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(Cli.Without(run.Out, "runId"), Cli.Without(replay.Out, "runId"));
        var transcript = await Cli.RunAsync("replay", file);
        Assert.Contains("dow designates anthropic a supply chain risk", transcript.Out);
    }

    [Fact]
    public async Task Replay_until_an_event_shows_where_each_negotiation_stood()
    {
        var file = await Cli.RunToFileAsync(Story);
        var threatAt = File.ReadLines(file).TakeWhile(l => !l.Contains("\"DesignationThreatened\"")).Count() + 1;

        var result = await Cli.RunAsync("replay", file, "--until", threatAt.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"After event {threatAt} (round 4)", result.Out);
        Assert.Contains("made in round 4, deadline round 6", result.Out);
        Assert.DoesNotContain("designates", result.Out);
    }

    [Fact]
    public async Task Verify_passes_for_a_true_run_and_shows_the_first_difference_for_a_tampered_one()
    {
        var file = await Cli.RunToFileAsync(Story);

        var ok = await Cli.RunAsync("verify", file);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("verified", ok.Out);

        var lines = File.ReadAllLines(file);
        var signed = Array.FindIndex(lines, l => l.Contains("\"AgreementSigned\""));
        lines[signed] = lines[signed].Replace("\"acceptedBy\":\"dow\"", "\"acceptedBy\":\"openai\"");
        File.WriteAllLines(file, lines);

        var tampered = await Cli.RunAsync("verify", file);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains($"the streams differ at event {signed + 1}", tampered.Out);
        Assert.Contains("\"acceptedBy\":\"openai\"", tampered.Out);
        Assert.Contains("\"acceptedBy\":\"dow\"", tampered.Out);
    }

    [Fact]
    public async Task A_fork_that_changes_how_the_refuser_answers_threats_ends_differently_and_keeps_the_invariants()
    {
        var parent = Cli.TempFile("parent.jsonl");
        var child = Cli.TempFile("fork.jsonl");
        await Cli.RunAsync("run", Story, "--json", "--out", parent);

        var fork = await Cli.RunAsync("fork", parent, "--at-round", "1",
            "--set", "vendors.anthropic.on_threat=concede",
            "--set", "vendors.anthropic.red_lines.no-domestic-surveillance.firm=false",
            "--set", "vendors.anthropic.red_lines.human-oversight.firm=false",
            "--json", "--out", child);

        Assert.Equal(0, fork.ExitCode);
        using var doc = JsonDocument.Parse(fork.Out);
        Assert.Equal("parent", doc.RootElement.GetProperty("forkedFrom").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("forkedAtRound").GetInt32());
        Assert.Equal(3, doc.RootElement.GetProperty("changes").GetArrayLength());
        Assert.Equal("agreement", doc.RootElement.GetProperty("outcomes")[0].GetProperty("result").GetString());
        var parentLines = File.ReadAllLines(parent);
        var childLines = File.ReadAllLines(child);
        var shared = parentLines.TakeWhile(l => !l.Contains("\"type\":\"RoundStarted\",\"data\":{\"round\":2")).ToList();
        Assert.Equal(shared, childLines.Take(shared.Count));
        Assert.Contains("\"RunForked\"", childLines[shared.Count]);
        Negotiation.Testing.Invariants.Check(EventFile.Read(child).Select(e => e.Event).ToList());
        Assert.Equal(0, (await Cli.RunAsync("verify", child)).ExitCode);
    }

    [Theory]
    [InlineData("vendors.anthropic.on_treat=concede", "--set vendors.anthropic.on_treat: error: unknown path")]
    [InlineData("vendors.nobody.on_threat=concede", "--set vendors.nobody.on_threat: error: unknown path")]
    [InlineData("vendors.anthropic.on_threat=surrender", "--set vendors.anthropic.on_threat=surrender: error: `on_threat` must be one of")]
    [InlineData("agency.tactics.0.deadline_rounds=soon", "--set agency.tactics.0.deadline_rounds=soon: error: `deadline_rounds` must be a whole number")]
    [InlineData("vendors.anthropic.id=claude", "--set vendors.anthropic.id: error: a fork keeps the parties")]
    [InlineData("rounds=1", "--set rounds=1: error: round 3 is after the last round (1)")]
    public async Task A_fork_with_a_bad_path_or_value_is_refused_naming_the_path(string set, string error)
    {
        var parent = await Cli.RunToFileAsync(Story, "parent.jsonl");

        var result = await Cli.RunAsync("fork", parent, "--at-round", "1", "--set", set);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(error, result.Err);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_fork_cannot_end_before_the_round_it_forks_at()
    {
        var parent = await Cli.RunToFileAsync(Story, "parent.jsonl");

        var result = await Cli.RunAsync("fork", parent, "--at-round", "3", "--set", "rounds=3");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--at-round 3: the fork goes on after round 3, so `rounds` must be more than 3, not 3", result.Err);
    }

    [Fact]
    public async Task A_sweep_counts_outcomes_and_rulings_over_seeds_each_as_its_own_run_would_end()
    {
        var result = await Cli.RunAsync("sweep", Cli.Scenario("refuse-and-litigate.yaml"), "--seeds", "1..12", "--json", "--csv", Cli.TempFile("sweep.csv"));

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var cell = Assert.Single(doc.RootElement.GetProperty("cells").EnumerateArray());
        Assert.Equal(12, cell.GetProperty("runs").GetInt32());
        var anthropic = cell.GetProperty("vendors")[0];
        Assert.Equal(12, anthropic.GetProperty("results").GetProperty("designated").GetInt32());
        var granted = anthropic.GetProperty("litigation").GetProperty("injunction-granted").GetInt32();
        Assert.Equal(12, granted + anthropic.GetProperty("litigation").GetProperty("injunction-denied").GetInt32());
        var singles = 0;
        foreach (var seed in Enumerable.Range(1, 12))
        {
            var single = JsonDocument.Parse((await Cli.RunAsync("run", Cli.Scenario("refuse-and-litigate.yaml"), "--in-memory", "--seed", $"{seed}", "--json")).Out);
            if (single.RootElement.GetProperty("outcomes")[0].GetProperty("litigation").GetString() == "injunction-granted") singles++;
        }
        Assert.Equal(singles, granted);
    }

    [Fact]
    public async Task Report_puts_runs_of_one_scenario_side_by_side_with_the_policys_own_run_and_refuses_another_negotiation()
    {
        var story = await Cli.RunToFileAsync(Cli.Scenario("the-whole-story.yaml"), "first-story.jsonl");
        var same = await Cli.RunToFileAsync(Cli.Scenario("the-whole-story.yaml"), "second-story.jsonl");
        var other = await Cli.RunToFileAsync(Cli.Scenario("refuse-and-litigate.yaml"));
        var html = Cli.TempFile("debrief.html");

        var result = await Cli.RunAsync("report", story, same, "--out", html);
        var refused = await Cli.RunAsync("report", story, other, "--out", Cli.TempFile("other.html"));

        Assert.Equal(0, result.ExitCode);
        var page = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        Assert.Contains(Path.GetFileNameWithoutExtension(story), page);
        Assert.Contains(Path.GetFileNameWithoutExtension(same), page);
        Assert.Contains("the policy alone", page);
        Assert.Contains("<svg", page);
        Assert.DoesNotContain("<script", page);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not the same negotiation", refused.Err);
    }

    [Fact]
    public async Task Brief_writes_a_partys_role_sheet_with_its_own_numbers_and_none_of_the_others()
    {
        var html = Cli.TempFile("anthropic.html");

        var result = await Cli.RunAsync("brief", Cli.Scenario("the-whole-story.yaml"), "--party", "anthropic", "--out", html);
        var unknown = await Cli.RunAsync("brief", Cli.Scenario("the-whole-story.yaml"), "--party", "ghost", "--out", Cli.TempFile("ghost.html"));

        Assert.Equal(0, result.ExitCode);
        var sheet = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        Assert.Contains("Confidential", sheet);
        Assert.Contains("You are Anthropic", sheet);
        Assert.Contains("No domestic mass surveillance", sheet);
        Assert.DoesNotContain("The military, not the vendor, decides", sheet);
        Assert.DoesNotContain("The department runs on a commercial cloud", sheet);
        // classroom.md 1.1: the story every player reads and the party's own instructions, never the file's
        // description, which tells how the scenario ends ("Anthropic refuses and litigates; OpenAI and xAI sign").
        Assert.Contains("is buying frontier AI models from three vendors at once", sheet);
        Assert.Contains("You hold two red lines", sheet);
        Assert.DoesNotContain("refuses and litigates", sheet);
        Assert.Contains("when the computer moves for you, it concedes the same amount every round", sheet);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--party ghost", unknown.Err);
    }

    [Fact]
    public async Task Brief_for_the_instructor_gives_the_files_teaching_note_and_every_partys_numbers()
    {
        var html = Cli.TempFile("teacher.html");

        var result = await Cli.RunAsync("brief", Cli.Scenario("the-whole-story.yaml"), "--instructor", "--out", html);
        var neither = await Cli.RunAsync("brief", Cli.Scenario("the-whole-story.yaml"), "--out", Cli.TempFile("x.html"));

        Assert.Equal(0, result.ExitCode);
        var note = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        Assert.Contains("Questions for the class", note);
        Assert.Contains("The military, not the vendor, decides", note);
        Assert.Contains("Anthropic (anthropic)", note);
        Assert.Equal(2, neither.ExitCode);
    }

    [Fact]
    public async Task Plot_draws_each_negotiations_concession_curves_and_marks_what_happened_on_the_round_it_happened()
    {
        var file = await Cli.RunToFileAsync(Cli.Scenario("the-whole-story.yaml"));
        var svg = Cli.TempFile("story.svg");

        var result = await Cli.RunAsync("plot", file, "--out", svg);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        var doc = System.Xml.Linq.XDocument.Load(svg);
        var ns = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2000/svg");
        var panels = doc.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "negotiation").ToList();
        Assert.Equal(["anthropic", "openai", "xai"], panels.Select(g => (string)g.Attribute("data-vendor")!));
        string Marks(System.Xml.Linq.XElement panel) => string.Join(" ", panel.Elements(ns + "desc")
            .Select(d => $"{(string)d.Attribute("data-kind")!}@{(string)d.Attribute("data-round")!}"));
        var events = Negotiation.Persistence.EventFile.Read(file).Select(e => e.Event).ToList();
        var threat = events.OfType<DesignationThreatened>().Single().Round;
        var designated = events.OfType<Designated>().Single().Round;
        var ruling = events.OfType<CourtRuled>().Single().Round;
        Assert.Equal($"threat@{threat} designated@{designated} lawsuit@{designated} ruling@{ruling}", Marks(panels[0]));
        Assert.Equal($"news@3 signed@{events.OfType<AgreementSigned>().Single(a => a.Vendor == "openai").Round}", Marks(panels[1]));
        var texts = doc.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains("threat", texts);
        Assert.Contains("injunction denied", texts);
        Assert.Contains("anthropic offers, to dow", texts);
    }

    [Fact]
    public async Task Plot_draws_a_fork_over_its_parent()
    {
        var parent = await Cli.RunToFileAsync(Cli.Scenario("the-whole-story.yaml"), "parent.jsonl");
        var fork = Cli.TempFile("fork.jsonl");
        Assert.Equal(0, (await Cli.RunAsync("fork", parent, "--at-round", "3", "--set", "vendors.anthropic.on_threat=walk-away", "--out", fork)).ExitCode);
        var svg = Cli.TempFile("fork.svg");

        var result = await Cli.RunAsync("plot", fork, "--compare", parent, "--out", svg);

        Assert.Equal(0, result.ExitCode);
        var content = File.ReadAllText(svg);
        Assert.Contains("grey: its parent parent", content);
        Assert.Contains("parent: dow offers, to dow", content);
        Assert.Contains("data-kind=\"walked-away\"", content);
    }

    [Fact]
    public async Task An_event_file_with_a_missing_line_or_no_opening_is_refused_naming_the_line()
    {
        var file = await Cli.RunToFileAsync(Story);
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, lines.Take(5).Concat(lines.Skip(6)));

        var gap = await Cli.RunAsync("replay", file);

        Assert.Equal(2, gap.ExitCode);
        Assert.Contains("run.jsonl:6:1: error: not an event: seq 7 where 6 was due", gap.Err);

        File.WriteAllLines(file, lines.Skip(1).Select((l, i) => l.Replace($"{{\"seq\":{i + 2},", $"{{\"seq\":{i + 1},")));
        var headless = await Cli.RunAsync("verify", file);

        Assert.Equal(2, headless.ExitCode);
        Assert.Contains(":1:1: error: not an event: a run's first event is NegotiationOpened, not RoundStarted", headless.Err);
    }

    [Fact]
    public async Task A_bad_scenario_exits_2_with_every_problem_and_writes_nothing()
    {
        var bad = Cli.TempFile("bad.yaml");
        File.WriteAllText(bad, File.ReadAllText(Story).Replace("reservation: 0.55", "reservaton: 0.55").Replace("rounds: 12", "rounds: 0"));
        var @out = Cli.TempFile("never.jsonl");

        var result = await Cli.RunAsync("run", bad, "--out", @out);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^.*bad\.yaml:\d+:\d+: error: ", l));
        Assert.DoesNotContain("   at ", result.Err);
        Assert.False(File.Exists(@out));
    }

    [Fact]
    public async Task Validate_reports_problems_of_every_file_and_exits_2()
    {
        var bad = Cli.TempFile("bad.yaml");
        File.WriteAllText(bad, "name: Bad Name\nrounds: 1\n");

        var result = await Cli.RunAsync("validate", Story, bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the-whole-story.yaml: ok", result.Out);
        Assert.Contains("bad.yaml:1:7: error: `name` must be kebab-case", result.Err);
        Assert.Contains("bad.yaml:1:1: error: the scenario is missing `terms`", result.Err);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "x.yaml", "--seed", "many")]
    [InlineData("frobnicate")]
    [InlineData("replay", "no-such-run")]
    [InlineData("replay", "missing.jsonl")]
    [InlineData("resume", "../elsewhere")]
    [InlineData("sweep", "scenarios/the-whole-story.yaml", "--seeds", "9..1")]
    public async Task Wrong_arguments_exit_2_with_one_message_and_no_stack_trace(params string[] args)
    {
        var result = await Cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Err.Trim());
        Assert.DoesNotContain("   at ", result.Err);
        if (args[0] == "sweep") Assert.StartsWith("--seeds 9..1: expected FROM..TO", result.Err);
    }

    [Fact]
    public async Task An_unreachable_database_exits_3_with_one_line_naming_host_and_port()
    {
        var result = await Cli.RunAsync("run", Story, "--db", "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2");

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("127.0.0.1:1", line);
        Assert.Contains("docker compose up -d", line);
        Assert.Equal("", result.Out);
    }
}
