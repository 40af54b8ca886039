using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Core.Engine;
using Negotiation.Persistence;
using Negotiation.Scenarios;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>
/// The reproductions a fault-injection pass found, each now a test: bad input is one line per problem and exit 2
/// with nothing stored; nothing waits for a person who is not there; an unfinished run says so; the database's
/// schema, rights and failures are each one line.
/// </summary>
public class HostileInputTests
{
    private static readonly string Story = Cli.Scenario("refuse-and-litigate.yaml");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> WriteAsync(string name, string text)
    {
        var path = Cli.TempFile(name);
        await File.WriteAllTextAsync(path, text, Ct);
        return path;
    }

    private static void OneLinePerProblem(Cli.Result result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Err);
        Assert.DoesNotContain("   at ", result.Err);
        Assert.DoesNotContain("Exception", result.Err);
    }

    /// <summary>
    /// Issue 23's first finding: `a: &a [*a]` (10 bytes) overflowed the stack of the CLI (and of a class server it
    /// was pasted into); a few lines of nested aliases took minutes to expand. Both are now one line with its place.
    /// </summary>
    [Fact]
    public async Task An_alias_cycle_or_an_alias_bomb_is_one_line_naming_its_place_not_a_crash()
    {
        var cycle = await WriteAsync("cycle.yaml", "a: &a [*a]\n");
        var lines = new List<string> { "name: bomb", "rounds: 1", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++) lines.Add($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        var bomb = await WriteAsync("bomb.yaml", string.Join('\n', lines) + "\n");
        var deep = await WriteAsync("deep-alias.yaml", "d: &d " + new string('[', 40) + new string(']', 40) + "\ne: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*d]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n");

        OneLinePerProblem(await Cli.RunAsync("validate", cycle), "cycle.yaml:1:8: error: the alias *a stands inside the node &a it names");
        OneLinePerProblem(await Cli.RunAsync("validate", bomb), "bomb.yaml:7:");
        Assert.Contains("expand to more than 100,000 nodes", (await Cli.RunAsync("validate", bomb)).Err);
        OneLinePerProblem(await Cli.RunAsync("validate", deep), "deep-alias.yaml:2:");
        Assert.Contains("nests more than 64 levels deep", (await Cli.RunAsync("validate", deep)).Err);
        // Anchors and aliases that stay small are still YAML a scenario may use.
        var shared = (await File.ReadAllTextAsync(Cli.Scenario("refuse-and-litigate.yaml"), Ct))
            .Replace("  rounds_to_ruling: 4\n", "  rounds_to_ruling: &ruling 4\n", StringComparison.Ordinal)
            .Replace("    - do: threaten-designation\n      after_deadlock_rounds: 3", "    - do: threaten-designation\n      after_deadlock_rounds: *ruling", StringComparison.Ordinal);
        Assert.Contains("*ruling", shared);
        Assert.Equal(0, (await Cli.RunAsync("validate", await WriteAsync("shared.yaml", shared))).ExitCode);
        var run = await Cli.RunToFileAsync(Story);
        OneLinePerProblem(await Cli.RunAsync("fork", run, "--at-round", "1", "--set", "description=&a [*a]"), "the alias *a stands inside the node &a it names");
    }

    /// <summary>
    /// Issue 23: `--out` wrote a temporary file and renamed it over its target, so as root `--out /dev/full` replaced
    /// the device with a regular file, and a named pipe hung the command past SIGTERM. Neither is a file to write a
    /// run into: both are refused before the run starts, and the device is left as it was.
    /// </summary>
    [Fact]
    public async Task Out_naming_a_device_or_a_named_pipe_is_refused_before_the_run_and_the_device_is_left_alone()
    {
        if (!OperatingSystem.IsLinux()) return;
        var pipe = Cli.TempFile("events.fifo");
        using (var made = System.Diagnostics.Process.Start("mkfifo", [pipe])) await made.WaitForExitAsync(Ct);
        Assert.True(File.Exists(pipe));

        OneLinePerProblem(await Cli.RunAsync("run", Story, "--in-memory", "--out", "/dev/null"), "--out /dev/null: not a regular file (a device, a named pipe or a socket)");
        OneLinePerProblem(await Cli.RunAsync("run", Story, "--in-memory", "--out", pipe), "not a regular file");
        OneLinePerProblem(await Cli.RunAsync("sweep", Story, "--seeds", "1..2", "--csv", pipe), "--csv");
        Assert.Equal(0, new FileInfo("/dev/null").Length);
        Assert.False(File.Exists("/dev/null.tmp"));
    }

    [Fact]
    public async Task Nesting_deeper_than_any_scenario_needs_is_an_error_not_a_stack_overflow()
    {
        var deep = new string('[', 50_000) + new string(']', 50_000);
        var file = await WriteAsync("deep.yaml", $"name: deep\nrounds: 3\ndescription: {deep}\n");

        OneLinePerProblem(await Cli.RunAsync("validate", file), "deep.yaml:3:");
        Assert.Contains("nested more than 64 levels deep", (await Cli.RunAsync("validate", file)).Err);

        var run = await Cli.RunToFileAsync(Story);
        OneLinePerProblem(await Cli.RunAsync("fork", run, "--at-round", "1", "--set", $"description={deep}"), "nested more than 64 levels deep");
    }

    [Fact]
    public async Task An_event_file_naming_a_player_who_does_not_exist_is_refused_at_once_and_verify_never_waits_for_a_person()
    {
        var file = await Cli.RunToFileAsync(Story);
        var lines = await File.ReadAllLinesAsync(file, Ct);
        var opened = JsonNode.Parse(lines[0])!;
        opened["data"]!["humans"] = new JsonArray("nobody");
        await File.WriteAllLinesAsync(file, [opened.ToJsonString(), .. lines.Skip(1)], Ct);

        OneLinePerProblem(await Cli.RunAsync("verify", file), "run.jsonl:1:1: error: `humans` names `nobody`, who is not a party of the scenario");

        // A person really played: verify reads their moves from the stream and answers every question at once.
        opened["data"]!["humans"] = new JsonArray("anthropic");
        await File.WriteAllLinesAsync(file, [opened.ToJsonString(), .. lines.Skip(1)], Ct);
        Assert.Equal(0, (await Cli.RunAsync("verify", file)).ExitCode);
    }

    public static TheoryData<string, string, string> EditedEventFiles => new()
    {
        { "scenario null", "0:data.scenario=null", "run.jsonl:1:1: error: NegotiationOpened has no scenario" },
        { "unknown vendor", "signed:data.vendor=\"ghost\"", "error: there is no vendor `ghost`" },
        { "empty data", "2:data={}", "run.jsonl:3:1: error: OfferMade has no vendor, from, terms, utilities, crosses" },
        { "no vendors", "0:data.scenario.vendors=[]", "run.jsonl:1:1: error: the scenario in this event: `vendors` needs at least one vendor" },
        { "negative rounds", "0:data.scenario.rounds=-3", "run.jsonl:1:1: error: the scenario in this event: `rounds` must be between 1 and 10000, not -3" },
        { "empty terms", "2:data.terms={}", "run.jsonl:3:1: error: the terms give no option for `usage_scope`" },
        // Issue 23: a statement that would clear the instructor's terminal (or write to its clipboard) when replayed.
        { "escape in a statement", "statement:data.text=\"\\u001b[2Jcleared\"", "error: the statement holds the control character U+001B" },
        { "override in a statement", "statement:data.text=\"\\u202Edesrever\"", "error: the statement holds the bidirectional override U+202E" },
        // Issue 23: a NUL passed replay and fork, and `fork --db` then said PostgreSQL could not be reached.
        { "NUL in a statement", "statement:data.text=\"a\\u0000b\"", "error: the statement holds a NUL character" },
        // Issue 23: a wrong type was told with .NET's type names ("could not be converted to System.Collections…").
        { "text for a round", "2:data.round=\"x\"", "run.jsonl:3:1: error: not an event: `round` holds a value of the wrong type" },
        { "a list for terms", "2:data.terms=[1, 2]", "run.jsonl:3:1: error: not an event: `data` holds a value of the wrong type" },
        { "an unknown answer", "0:data.scenario.vendors.0.onThreat=\"sometimes\"", "run.jsonl:1:1: error: not an event: `scenario.vendors[0].onThreat` holds a value of the wrong type" },
    };

    [Theory]
    [MemberData(nameof(EditedEventFiles))]
    public async Task An_edited_event_file_is_bad_input_naming_its_line_for_every_command(string _, string edit, string expected)
    {
        var file = await Cli.RunToFileAsync(Story);
        var lines = (await File.ReadAllLinesAsync(file, Ct)).ToList();
        var (where, assignment) = (edit[..edit.IndexOf(':')], edit[(edit.IndexOf(':') + 1)..]);
        var index = where switch
        {
            "signed" => lines.FindIndex(l => l.Contains("\"DesignationThreatened\"")),
            "statement" => lines.FindIndex(l => l.Contains("\"StatementMade\"")),
            _ => int.Parse(where, System.Globalization.CultureInfo.InvariantCulture),
        };
        var node = JsonNode.Parse(lines[index])!;
        var (path, value) = (assignment[..assignment.IndexOf('=')].Split('.'), JsonNode.Parse(assignment[(assignment.IndexOf('=') + 1)..]));
        var parent = path[..^1].Aggregate(node, (n, key) => n is JsonArray list && int.TryParse(key, out var at) ? list[at]! : n[key]!);
        parent[path[^1]] = value;
        lines[index] = node.ToJsonString();
        await File.WriteAllLinesAsync(file, lines, Ct);

        foreach (var args in new[] { new[] { "replay", file }, ["verify", file], ["fork", file, "--at-round", "1"], ["plot", file, "--out", Cli.TempFile("x.svg")] })
        {
            var result = await Cli.RunAsync(args);
            OneLinePerProblem(result, expected);
            Assert.DoesNotMatch(@"System\.|Negotiation\.Core", result.Err);
        }
    }

    [Fact]
    public async Task A_run_killed_midway_is_listed_and_replayed_as_unfinished_with_the_command_that_finishes_it()
    {
        var scenario = ScenarioLoader.Load(Story).Scenario!;
        var all = Simulation.Run(scenario, scenario.Seed);
        var kept = all.TakeWhile(e => e.Round <= 3).ToList();
        var runId = $"killed-{Guid.NewGuid():N}";
        await new LocalRunStore(LocalRunStore.DefaultFolder()).AppendAsync(runId, 0, kept, Ct);

        var list = await Cli.RunAsync("list", "--width", "400");
        var row = list.Out.Split('\n').Single(l => l.Contains(runId) && l.Contains('│'));
        Assert.Matches($@"│\s*{kept.Count}\s*│\s*3\s*│\s*unfinished\s*│", row);
        Assert.Contains($"{runId} is unfinished (stopped after round 3, {kept.Count} events): `negotiate resume {runId}` finishes it", list.Out);

        var replay = await Cli.RunAsync("replay", runId, "--json");
        using (var summary = JsonDocument.Parse(replay.Out))
        {
            Assert.True(summary.RootElement.GetProperty("unfinished").GetBoolean());
            Assert.All(summary.RootElement.GetProperty("outcomes").EnumerateArray(), o => Assert.Equal("open", o.GetProperty("result").GetString()));
        }
        Assert.Contains("the run is unfinished", (await Cli.RunAsync("replay", runId)).Out);

        Assert.Equal(0, (await Cli.RunAsync("resume", runId)).ExitCode);
        var finished = await new LocalRunStore(LocalRunStore.DefaultFolder()).ReadAsync(runId, null, Ct);
        Assert.Equal(Invariants.Json(all), Invariants.Json(finished.Select(e => e.Event)));
    }

    [Theory]
    [InlineData("rounds_to_ruling: 4", "rounds_to_ruling: 2147483647", "`rounds_to_ruling` must be between 1 and 10000, not 2147483647")]
    [InlineData("rounds_to_ruling: 4", "rounds_to_ruling: 99999999999999999999", "`rounds_to_ruling` must be a whole number")]
    [InlineData("reason: No domestic mass surveillance, written as a ban", "reason: \"No mass\\0 surveillance\"", "`reason` holds a NUL character")]
    [InlineData("reason: No domestic mass surveillance, written as a ban", "reason: \"No mass\\e[2J surveillance\"", "`reason` holds the control character U+001B")]
    [InlineData("reason: No domestic mass surveillance, written as a ban", "reason: \"No mass\\u202E surveillance\"", "`reason` holds the bidirectional override U+202E")]
    public async Task Numbers_that_would_overflow_and_text_that_cannot_be_stored_are_errors_naming_their_line(string from, string to, string expected)
    {
        var text = await File.ReadAllTextAsync(Story, Ct);
        Assert.Contains(from, text);
        var file = await WriteAsync("edited.yaml", text.Replace(from, to, StringComparison.Ordinal));
        var line = text[..text.IndexOf(from, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        OneLinePerProblem(await Cli.RunAsync("validate", file), $"edited.yaml:{line}:");
        Assert.Contains(expected, (await Cli.RunAsync("validate", file)).Err);
        OneLinePerProblem(await Cli.RunAsync("run", file, "--in-memory"), expected);
    }

    [Theory]
    [InlineData("{}", "sum to 0")]
    [InlineData("{ scope: { weight: 0, values: { narrow: 0, broad: 1 } } }", "sum to 0")]
    [InlineData("{ scope: { weight: 1e308, values: { narrow: 0, broad: 1 } } }", "`weight` must be between 0 and 1000000")]
    public async Task Preferences_whose_weights_cannot_be_normalised_are_errors(string preferences, string expected)
    {
        var file = await WriteAsync("weights.yaml", $$"""
            name: weights
            rounds: 3
            terms:
              scope: { options: [narrow, broad] }
            agency:
              id: dow
              preferences: {{preferences}}
            vendors:
              - id: acme
                preferences: { scope: { weight: 1, values: { narrow: 1, broad: 0 } } }
            """);

        var result = await Cli.RunAsync("validate", file);

        OneLinePerProblem(result, "weights.yaml:7:");
        Assert.Contains(expected, result.Err);
    }

    [Fact(Timeout = 120_000)]
    public async Task Twelve_terms_of_eight_equally_weighted_options_run_to_the_end()
    {
        var terms = Enumerable.Range(1, 12).Select(t => $"t{t}").ToList();
        string Preferences(bool agency) => string.Join("\n", terms.Select(t =>
            $"      {t}: {{ weight: 1, values: {{ {string.Join(", ", Enumerable.Range(0, 8).Select(o => $"o{o}: {(agency ? o : 7 - o) / 7.0:0.###}"))} }} }}"));
        var file = await WriteAsync("wide.yaml", $"""
            name: wide
            rounds: 10
            terms:
            {string.Join("\n", terms.Select(t => $"  {t}: {{ options: [{string.Join(", ", Enumerable.Range(0, 8).Select(o => $"o{o}"))}] }}"))}
            agency:
              id: dow
              reservation: 0.3
              preferences:
            {Preferences(true)}
            vendors:
              - id: acme
                reservation: 0.3
                strategy: {"{"} kind: conceder {"}"}
                preferences:
            {Preferences(false).Replace("\n", "\n  ", StringComparison.Ordinal).Insert(0, "  ")}
            """);

        var result = await Cli.RunAsync("run", file, "--in-memory", "--json");

        Assert.Equal(0, result.ExitCode);
        using var summary = JsonDocument.Parse(result.Out);
        Assert.False(summary.RootElement.TryGetProperty("unfinished", out _));
    }

    [Fact]
    public async Task An_out_file_that_cannot_be_written_is_refused_before_the_run_and_nothing_is_stored_or_left_behind()
    {
        var folder = Directory.CreateTempSubdirectory("negotiate-out-").FullName;
        // A run store of this test's own (the real program in a process of its own): the default one is shared with
        // every test that runs at the same time, so counting its files raced with them.
        var runs = Directory.CreateTempSubdirectory("negotiate-runs-").FullName;
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_RUNS"] = runs };

        OneLinePerProblem(await Cli.ProcessAsync(environment, "run", Story, "--out", folder), "that is a folder");
        OneLinePerProblem(await Cli.ProcessAsync(environment, "run", Story, "--out", Path.Combine(folder, "missing", "run.jsonl")), "does not exist");
        var locked = Path.Combine(folder, "read-only");
        Directory.CreateDirectory(locked);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        if (!OperatingSystem.IsWindows() && Environment.UserName != "root") // root may write anywhere
            OneLinePerProblem(await Cli.ProcessAsync(environment, "run", Story, "--out", Path.Combine(locked, "run.jsonl")), "cannot be written");

        Assert.Empty(Directory.GetFiles(runs, "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Many_processes_starting_at_once_on_a_fresh_database_all_succeed()
    {
        var server = await PostgresServer.SharedAsync();
        var fresh = await server.CreateDatabaseAsync("race");

        // Real processes, as a class of users starting at once would be: each applies the schema on its own.
        var none = new Dictionary<string, string?>();
        var results = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(_ => Cli.ProcessAsync(none, "run", Story, "--db", fresh, "--json"))
                .Concat(Enumerable.Range(0, 2).Select(_ => Cli.ProcessAsync(none, "list", "--db", fresh))));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Err));
        Assert.Equal(8, (await Cli.RunAsync("list", "--db", fresh, "--width", "400")).Out.Split('\n').Count(l => l.Contains("refuse-and-litigate-s7")));
    }

    [Fact]
    public async Task A_role_without_create_rights_is_told_which_right_and_offered_the_script()
    {
        var server = await PostgresServer.SharedAsync();
        var fresh = await server.CreateDatabaseAsync("rights");
        var dbName = new Npgsql.NpgsqlConnectionStringBuilder(fresh).Database!;
        var role = $"reader_{Guid.NewGuid():N}"[..20];
        await using (var admin = new Npgsql.NpgsqlConnection(fresh))
        {
            await admin.OpenAsync(Ct);
            foreach (var sql in new[] { $"CREATE ROLE {role} LOGIN", $"REVOKE CREATE ON DATABASE \"{dbName}\" FROM PUBLIC", $"REVOKE CREATE ON SCHEMA public FROM PUBLIC" })
                await new Npgsql.NpgsqlCommand(sql, admin).ExecuteNonQueryAsync(Ct);
        }
        var asRole = new Npgsql.NpgsqlConnectionStringBuilder(fresh) { Username = role, Password = null }.ConnectionString;

        var result = await Cli.RunAsync("run", Story, "--db", asRole);

        Assert.Equal(3, result.ExitCode);
        Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"the role `{role}` may not create the `negotiation` schema in database `{dbName}`", result.Err);
        Assert.Contains($"GRANT CREATE ON DATABASE \"{dbName}\" TO \"{role}\"", result.Err);
        Assert.Contains($"`negotiate db script --role {role}`", result.Err);

        // The administrator runs the script the error names; afterwards the limited role itself runs and lists
        // (issue 23: the script granted nothing, and the role still failed with advice to run it again).
        var script = (await Cli.RunAsync("db", "script", "--role", role)).Out;
        Assert.Contains($"GRANT USAGE ON SCHEMA negotiation TO \"{role}\"", script);
        await using (var admin = new Npgsql.NpgsqlConnection(fresh))
        {
            await admin.OpenAsync(Ct);
            await new Npgsql.NpgsqlCommand(script, admin).ExecuteNonQueryAsync(Ct);
        }
        var ran = await Cli.RunAsync("run", Story, "--db", asRole, "--json");
        Assert.True(ran.ExitCode == 0, ran.Err);
        Assert.Contains("refuse-and-litigate", (await Cli.RunAsync("list", "--db", asRole, "--width", "400")).Out);
    }
}
