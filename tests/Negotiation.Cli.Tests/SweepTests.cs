using System.Text.Json;
using Negotiation.Persistence;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>Sweeps over a grid (cli.md 1.1): every cell for every seed, each run as it would end alone; CSV, report, storage.</summary>
public class SweepTests
{
    private static readonly string Story = Cli.Scenario("refuse-and-litigate.yaml");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_grid_runs_every_cell_for_every_seed_and_each_row_is_what_that_run_alone_gives()
    {
        var csv = Cli.TempFile("grid.csv");

        var result = await Cli.RunAsync("sweep", Story, "--seeds", "1..6", "--jobs", "2",
            "--vary", "litigation.injunction_probability=0.1,0.9", "--vary", "vendors.anthropic.on_threat=hold,concede", "--json", "--csv", csv);

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(4, cells.Count);
        Assert.Equal(["0.1|hold", "0.1|concede", "0.9|hold", "0.9|concede"], cells.Select(c =>
            c.GetProperty("values").GetProperty("litigation.injunction_probability").GetString() + "|" +
            c.GetProperty("values").GetProperty("vendors.anthropic.on_threat").GetString()));
        Assert.All(cells, c => Assert.Equal(6, c.GetProperty("runs").GetInt32()));
        var conceding = cells[1].GetProperty("vendors")[0];
        Assert.Equal(6, conceding.GetProperty("results").GetProperty("agreement").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, conceding.GetProperty("meanUtilities").ValueKind);
        // Format 1.2: a cell where every run ends designated still has values and payoffs.
        var holding = cells[0].GetProperty("vendors")[0];
        Assert.Equal(6, holding.GetProperty("results").GetProperty("designated").GetInt32());
        Assert.Equal(JsonValueKind.Null, holding.GetProperty("meanUtilities").ValueKind);
        Assert.Equal(["dow", "anthropic"], holding.GetProperty("meanValues").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(holding.GetProperty("meanValues").GetProperty("anthropic").GetDouble(),
            cells[0].GetProperty("meanPayoffs").GetProperty("anthropic").GetDouble(), 4);

        var rows = (await File.ReadAllLinesAsync(csv, Ct)).ToList();
        // cli.md 1.2's tidy table; the 1.1 columns (the varied paths, each party's utility by its id) all kept by name.
        Assert.Equal("sweep,run,seed,point,litigation.injunction_probability,vendors.anthropic.on_threat,vendor,result,round,litigation," +
                     "value.dow,value.anthropic,payoff.agency,terms.usage_scope,terms.domestic_surveillance,terms.autonomous_weapons,terms.safety_stack,terms.deployment," +
                     "dow,anthropic", rows[0]);
        Assert.Equal(1 + 4 * 6, rows.Count);
        // Each row is the run of that cell and seed, as `run` of the changed file gives it.
        var changed = Cli.TempFile("changed.yaml");
        await File.WriteAllTextAsync(changed, (await File.ReadAllTextAsync(Story, Ct))
            .Replace("injunction_probability: 0.6", "injunction_probability: 0.9", StringComparison.Ordinal), Ct);
        foreach (var seed in new[] { 2, 5 })
        {
            var single = JsonDocument.Parse((await Cli.RunAsync("run", changed, "--in-memory", "--seed", $"{seed}", "--json")).Out).RootElement.GetProperty("outcomes")[0];
            var row = rows.Single(r => r.Contains($"-c2-s{seed},{seed},2,0.9,hold,anthropic,", StringComparison.Ordinal)).Split(',');
            Assert.Equal((single.GetProperty("result").GetString(), single.GetProperty("litigation").GetString()), (row[7], row[9]));
            // Every row has the run's values, whatever its ending, and the agency's payoff.
            Assert.Equal(single.GetProperty("values").GetProperty("anthropic").GetDouble(), double.Parse(row[11], System.Globalization.CultureInfo.InvariantCulture), 4);
            Assert.Equal(JsonDocument.Parse((await Cli.RunAsync("run", changed, "--in-memory", "--seed", $"{seed}", "--json")).Out).RootElement
                .GetProperty("payoffs").GetProperty("dow").GetDouble(), double.Parse(row[12], System.Globalization.CultureInfo.InvariantCulture), 4);
        }
    }

    [Fact]
    public async Task The_report_is_one_self_contained_page_with_charts_and_a_heat_map_for_two_varied_paths()
    {
        var report = Cli.TempFile("report.html");

        var result = await Cli.RunAsync("sweep", Cli.Scenario("injunction-odds.yaml"), "--seeds", "1..4",
            "--vary", "vendors.anthropic.on_threat=hold,concede", "--vary", "litigation.injunction_probability=0.2,0.8", "--report", report);

        Assert.Equal(0, result.ExitCode);
        var html = await File.ReadAllTextAsync(report, Ct);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(html, "<svg")); // outcome shares, heat map, mean values, mean utilities
        Assert.Contains("<h2>Payoffs</h2>", html);
        Assert.Contains("mean value of every run", html);
        Assert.Contains("share of runs ending in an agreement", html);
        Assert.Contains("Pareto-optimal", html);
    }

    /// <summary>cli.md 1.2's frictions: the sweep id said at the start, `--id` without a database refused, one seed taken as a range of one.</summary>
    [Fact]
    public async Task A_sweep_says_its_id_when_it_starts_refuses_an_id_it_cannot_keep_and_takes_one_seed()
    {
        var one = await Cli.RunAsync("sweep", Story, "--seeds", "5", "--json");

        Assert.Equal(0, one.ExitCode);
        Assert.Equal([5], JsonDocument.Parse(one.Out).RootElement.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
        var sweep = JsonDocument.Parse(one.Out).RootElement.GetProperty("sweep").GetString();
        Assert.StartsWith($"sweep {sweep}: 1 runs (1 cell(s) x 1 seeds), none stored", one.Err);

        var kept = await Cli.RunAsync("sweep", Story, "--seeds", "1..2", "--id", "my-sweep");
        Assert.Equal(2, kept.ExitCode);
        Assert.Contains("--id my-sweep: a sweep keeps its runs only with --db", kept.Err);
    }

    [Fact]
    public async Task A_varied_value_that_holds_commas_is_written_as_a_flow_list()
    {
        // cli.md 1.2: the tactics as a whole, three ways: threaten then designate, threaten only, nothing.
        const string threaten = "{do: threaten-designation, after_deadlock_rounds: 3, deadline_rounds: 2}";

        var result = await Cli.RunAsync("sweep", Story, "--seeds", "1..3", "--json",
            "--vary", $"agency.tactics=[[{threaten}, {{do: designate}}], [{threaten}], []]");

        Assert.True(result.ExitCode == 0, result.Err);
        var cells = JsonDocument.Parse(result.Out).RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal([$"[{threaten}, {{do: designate}}]", $"[{threaten}]", "[]"], cells.Select(c => c.GetProperty("values").GetProperty("agency.tactics").GetString()));
        Assert.Equal([3, 0, 0], cells.Select(c => c.GetProperty("vendors")[0].GetProperty("results").GetProperty("designated").GetInt32()));
        var open = await Cli.RunAsync("sweep", Story, "--vary", "agency.tactics=[[{do: designate}]");
        Assert.Equal(2, open.ExitCode);
        Assert.Contains("a bracket, brace or quote is left open", open.Err);
    }

    [Fact]
    public async Task A_bad_grid_is_bad_input_naming_the_varied_path()
    {
        var result = await Cli.RunAsync("sweep", Story, "--vary", "vendors.anthropic.reservation=0.2,7");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--vary vendors.anthropic.reservation=7: error: `reservation` must be between 0 and 1, not 7", result.Err);
        Assert.Equal(2, (await Cli.RunAsync("sweep", Story, "--vary", "nowhere.at.all=1")).ExitCode);
    }

    [Fact]
    public async Task With_a_database_every_run_is_stored_and_the_same_id_again_skips_those_concluded_and_finishes_the_interrupted()
    {
        var db = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("sweep");
        var id = $"sweep-{Guid.NewGuid():N}"[..20];

        Assert.Equal(0, (await Cli.RunAsync("sweep", Story, "--seeds", "1..3", "--db", db, "--id", id, "--json")).ExitCode);
        await using var store = await MartenEventStore.ConnectAsync(db, ct: Ct);
        var first = await store.ReadAsync($"{id}-c0-s1", null, Ct);
        Assert.IsType<Core.Events.RunConcluded>(first[^1].Event);
        // A run of the sweep cut short, as an interrupted sweep leaves it.
        var scenario = Scenarios.ScenarioLoader.Load(Story).Scenario!;
        var full = Core.Engine.Simulation.Run(scenario, 4);
        await store.AppendAsync($"{id}-c0-s4", 0, full.TakeWhile(e => e.Round <= 2).ToList(), Ct);

        var again = await Cli.RunAsync("sweep", Story, "--seeds", "1..5", "--db", db, "--id", id, "--json");

        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Equal(first.Count, (await store.ReadAsync($"{id}-c0-s1", null, Ct)).Count);
        Assert.Equal(Invariants.Json(full), Invariants.Json((await store.ReadAsync($"{id}-c0-s4", null, Ct)).Select(e => e.Event)));
        Assert.Equal(5, JsonDocument.Parse(again.Out).RootElement.GetProperty("cells")[0].GetProperty("runs").GetInt32());

        // `list` finds a sweep's runs by their id's start, and shows the newest few (issue 20: it printed them all).
        var listed = await Cli.RunAsync("list", "--db", db, "--run", id, "--limit", "2", "--width", "300");
        Assert.Equal(2, listed.Out.Split('\n').Count(l => l.Contains($"{id}-c0-s", StringComparison.Ordinal)));
        Assert.Contains("the newest 2 of 5 runs; --limit shows more", listed.Out);
        Assert.Contains("matches", (await Cli.RunAsync("list", "--db", db, "--scenario", "no-such-scenario")).Out);
        Assert.Equal(5, (await Cli.RunAsync("list", "--db", db, "--scenario", "refuse-and-litigate", "--width", "300")).Out.Split('\n').Count(l => l.Contains($"{id}-c0-s", StringComparison.Ordinal)));
    }
}
