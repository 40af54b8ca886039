using System.Diagnostics;
using Negotiation.Core.Events;
using Negotiation.Persistence;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>
/// Faults injected into the real `negotiate` program: killed with SIGKILL mid-run, stopped with SIGTERM, its
/// PostgreSQL stopped under it. After each, no event is lost or doubled: `resume` finishes the run exactly as
/// the uninterrupted run went, and `verify` passes.
/// </summary>
public class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A long deadlock (hardliners, no threats, many rounds): time enough to strike mid-run.</summary>
    private static async Task<string> LongScenarioAsync()
    {
        var file = Cli.TempFile("long.yaml");
        await File.WriteAllTextAsync(file, """
            name: long-deadlock
            rounds: 400
            terms:
              scope: { options: [narrow, medium, broad] }
              oversight: { options: [human, shared, none] }
            agency:
              id: dow
              reservation: 0.6
              strategy: { kind: hardliner }
              preferences:
                scope: { weight: 1, values: { narrow: 0, medium: 0.5, broad: 1 } }
                oversight: { weight: 1, values: { human: 0, shared: 0.5, none: 1 } }
            vendors:
              - id: acme
                reservation: 0.6
                strategy: { kind: hardliner }
                preferences:
                  scope: { weight: 1, values: { narrow: 1, medium: 0.5, broad: 0 } }
                  oversight: { weight: 1, values: { human: 1, shared: 0.5, none: 0 } }
              - id: globex
                reservation: 0.6
                strategy: { kind: hardliner }
                preferences:
                  scope: { weight: 1, values: { narrow: 1, medium: 0.5, broad: 0 } }
                  oversight: { weight: 1, values: { human: 1, shared: 0.5, none: 0 } }
            """, Ct);
        return file;
    }

    private static async Task<IReadOnlyList<string>> UninterruptedAsync(string scenario)
    {
        var file = Cli.TempFile("uninterrupted.jsonl");
        Assert.Equal(0, (await Cli.RunAsync("run", scenario, "--in-memory", "--json", "--out", file)).ExitCode);
        return Invariants.Json(EventFile.Read(file).Select(e => e.Event));
    }

    /// <summary>Waits until the run has stored at least <paramref name="events"/> events, then returns its id.</summary>
    private static async Task<string> WaitForEventsAsync(Func<Task<(string? RunId, long Count)>> progress, Process process, long events)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "the run ended before the fault could be injected");
            var (runId, count) = await progress();
            if (runId is not null && count >= events) return runId;
            await Task.Delay(5, Ct);
        }
        throw new TimeoutException("the run stored too few events in a minute");
    }

    private static Func<Task<(string?, long)>> LocalProgress(string folder) => async () =>
    {
        var file = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl").FirstOrDefault() : null;
        if (file is null) return (null, 0);
        var runId = Path.GetFileNameWithoutExtension(file);
        return (runId, (await new LocalRunStore(folder).ReadAsync(runId, null, Ct)).Count);
    };

    [Fact]
    public async Task Killed_mid_run_on_the_local_store_a_run_resumes_to_exactly_the_uninterrupted_run_and_verifies()
    {
        var scenario = await LongScenarioAsync();
        var expected = await UninterruptedAsync(scenario);
        var folder = Directory.CreateTempSubdirectory("negotiate-runs-").FullName;
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_RUNS"] = folder };

        using var process = Cli.Start(environment, "run", scenario, "--json");
        var runId = await WaitForEventsAsync(LocalProgress(folder), process, expected.Count / 3);
        process.Kill();
        await process.WaitForExitAsync(Ct);
        var kept = await new LocalRunStore(folder).ReadAsync(runId, null, Ct);
        Assert.True(kept.Count < expected.Count, "the kill came after the run had ended");
        Assert.Equal(expected.Take(kept.Count), Invariants.Json(kept.Select(e => e.Event)));

        var resume = await Cli.ProcessAsync(environment, "resume", runId, "--json");
        Assert.True(resume.ExitCode == 0, resume.Err);
        var finished = await new LocalRunStore(folder).ReadAsync(runId, null, Ct);
        Assert.Equal(expected, Invariants.Json(finished.Select(e => e.Event)));
        Assert.Equal(0, (await Cli.ProcessAsync(environment, "verify", runId)).ExitCode);
    }

    [Fact]
    public async Task Killed_mid_run_on_postgres_a_run_resumes_to_exactly_the_uninterrupted_run_and_verifies()
    {
        var scenario = await LongScenarioAsync();
        var expected = await UninterruptedAsync(scenario);
        var db = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("kill");
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_DB"] = db };
        await using var store = await MartenEventStore.ConnectAsync(db, ct: Ct);

        using var process = Cli.Start(environment, "run", scenario, "--json");
        var runId = await WaitForEventsAsync(async () =>
        {
            var runs = await store.ListRunsAsync(Ct);
            return runs.Count == 0 ? (null, 0) : (runs[0].RunId, runs[0].Events);
        }, process, expected.Count / 3);
        process.Kill();
        await process.WaitForExitAsync(Ct);
        var kept = await store.ReadAsync(runId, null, Ct);
        Assert.True(kept.Count < expected.Count, "the kill came after the run had ended");

        var resume = await Cli.ProcessAsync(environment, "resume", runId, "--json");
        Assert.True(resume.ExitCode == 0, resume.Err);
        Assert.Equal(expected, Invariants.Json((await store.ReadAsync(runId, null, Ct)).Select(e => e.Event)));
        Assert.Equal(0, (await Cli.ProcessAsync(environment, "verify", runId)).ExitCode);
    }

    [Fact]
    public async Task Terminated_mid_run_the_program_stops_promptly_with_one_line_and_whole_rounds_stored()
    {
        var scenario = await LongScenarioAsync();
        var expected = await UninterruptedAsync(scenario);
        var folder = Directory.CreateTempSubdirectory("negotiate-runs-").FullName;
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_RUNS"] = folder };

        using var process = Cli.Start(environment, "run", scenario, "--json");
        var error = process.StandardError.ReadToEndAsync(Ct);
        var runId = await WaitForEventsAsync(LocalProgress(folder), process, expected.Count / 4);
        var stopwatch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(Ct);
        await process.WaitForExitAsync(Ct);
        stopwatch.Stop();

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("negotiate: cancelled; every round already stored is kept (`negotiate resume RUN` continues a stored run)", (await error).Trim());
        // Generous, to catch a hang rather than time a machine: the figure measured here is in docs/reliability.md.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed.TotalSeconds:0.0} s to stop");
        var kept = await new LocalRunStore(folder).ReadAsync(runId, null, Ct);
        Assert.IsType<RoundStarted>(kept.Select(e => e.Event).SkipWhile(e => e.Round < kept[^1].Event.Round).First());
        Assert.Equal(expected.Take(kept.Count), Invariants.Json(kept.Select(e => e.Event)));
        Assert.Equal(0, (await Cli.ProcessAsync(environment, "resume", runId, "--json")).ExitCode);
    }

    [Fact]
    public async Task PostgreSQL_stopped_mid_run_is_one_line_with_the_events_kept_and_resume_finishes_the_run()
    {
        await using var server = await PostgresServer.DedicatedAsync();
        Assert.SkipWhen(server is null, "no local PostgreSQL server binaries to start a cluster this test may stop");
        var scenario = await LongScenarioAsync();
        var expected = await UninterruptedAsync(scenario);
        var db = await server.CreateDatabaseAsync("lost");
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_DB"] = db };
        string runId;
        await using (var store = await MartenEventStore.ConnectAsync(db, ct: Ct))
        {
            using var process = Cli.Start(environment, "run", scenario, "--json");
            var error = process.StandardError.ReadToEndAsync(Ct);
            runId = await WaitForEventsAsync(async () =>
            {
                var runs = await store.ListRunsAsync(Ct);
                return runs.Count == 0 ? (null, 0) : (runs[0].RunId, runs[0].Events);
            }, process, expected.Count / 3);
            await server.StopAsync();
            await process.WaitForExitAsync(Ct);

            Assert.Equal(3, process.ExitCode);
            var line = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var said = System.Text.RegularExpressions.Regex.Match(line,
                $@"^negotiate: cannot reach PostgreSQL at 127\.0\.0\.1:\d+ \(lost mid-run: .+; (at least )?(\d+) events of run {runId} are kept, and `negotiate resume {runId}` finishes it once the database is back\)");
            Assert.True(said.Success, line);
            await server.RestartAsync();
            Npgsql.NpgsqlConnection.ClearAllPools(); // the pool's connections died with the server
            var stored = (await store.ReadAsync(runId, null, Ct)).Count;
            // Issue 23: the count is never more than the database holds; read from a database still away, it says it is a floor.
            var count = long.Parse(said.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(said.Groups[1].Success ? count <= stored : count == stored, $"said {said.Value}, stored {stored}");
        }

        var resume = await Cli.ProcessAsync(environment, "resume", runId, "--json");
        Assert.True(resume.ExitCode == 0, resume.Err);
        await using var again = await MartenEventStore.ConnectAsync(db, ct: Ct);
        Assert.Equal(expected, Invariants.Json((await again.ReadAsync(runId, null, Ct)).Select(e => e.Event)));
    }
}
