using System.Text.Json;
using Negotiation.Persistence;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>The README's walk-through against a real PostgreSQL: run stored, list, replay, verify, resume, fork.</summary>
public class DatabaseTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly string Story = Cli.Scenario("the-whole-story.yaml");

    private static string RunId(string json) => JsonDocument.Parse(json).RootElement.GetProperty("runId").GetString()!;

    [Fact]
    public async Task A_run_stored_in_postgres_lists_replays_and_verifies_with_identical_outcomes()
    {
        var run = await Cli.RunAsync("run", Story, "--db", database.ConnectionString, "--json");
        Assert.Equal(0, run.ExitCode);
        var runId = RunId(run.Out);

        var list = await Cli.RunAsync("list", "--db", database.ConnectionString, "--width", "400");
        Assert.Contains(runId, list.Out);
        Assert.Contains("anthropic: designated, openai: agreement, xai: agreement", list.Out);

        var replay = await Cli.RunAsync("replay", runId, "--db", database.ConnectionString, "--json");
        Assert.Equal(run.Out, replay.Out);

        var verify = await Cli.RunAsync("verify", runId, "--db", database.ConnectionString);
        Assert.Equal(0, verify.ExitCode);
    }

    [Fact]
    public async Task A_fork_in_the_database_is_listed_under_its_parent()
    {
        var runId = RunId((await Cli.RunAsync("run", Story, "--db", database.ConnectionString, "--json")).Out);

        var fork = await Cli.RunAsync("fork", runId, "--at-round", "2", "--set", "agency.tactics=[]", "--db", database.ConnectionString, "--json");
        Assert.Equal(0, fork.ExitCode);
        var forkId = RunId(fork.Out);
        Assert.Equal("deadline", JsonDocument.Parse(fork.Out).RootElement.GetProperty("outcomes")[0].GetProperty("result").GetString());

        var list = (await Cli.RunAsync("list", "--db", database.ConnectionString)).Out.Split('\n');
        var parentRow = Array.FindIndex(list, l => l.Contains(runId));
        Assert.Contains(list.Skip(parentRow + 1), l => l.Contains("└ " + forkId));
    }

    [Fact]
    public async Task A_run_that_stopped_between_rounds_resumes_to_the_end_an_uninterrupted_run_reaches()
    {
        var scenario = Scenarios.ScenarioLoader.Load(Story).Scenario!;
        await using (var store = await MartenEventStore.ConnectAsync(database.ConnectionString, ct: TestContext.Current.CancellationToken))
        await using (var engine = await Actors.NegotiationEngine.StartAsync(store, TestContext.Current.CancellationToken))
            await engine.RunUntilAsync("stopped-run", scenario, 7, 3, TestContext.Current.CancellationToken);

        var resumed = await Cli.RunAsync("resume", "stopped-run", "--db", database.ConnectionString, "--json");
        var uninterrupted = await Cli.RunAsync("run", Story, "--json");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(Cli.Without(uninterrupted.Out, "runId"), Cli.Without(resumed.Out, "runId"));
    }

    /// <summary>
    /// Issue 22: resume skipped the stored-run check, so a damaged run said "stopped unexpectedly (0 events kept)",
    /// exit 1, when 21 were kept. It is bad input naming the event's line, exit 2, and nothing is appended.
    /// </summary>
    [Fact]
    public async Task A_damaged_stored_run_is_bad_input_naming_its_event_and_resume_appends_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = Scenarios.ScenarioLoader.Load(Story).Scenario!;
        var events = Core.Engine.Simulation.Run(scenario, 7).TakeWhile(e => e.Round <= 2).ToList();
        var damaged = events.Select(e => e is Core.Events.OfferMade { Round: 2 } offer ? offer with { Vendor = "ghost" } : e).ToList();
        var line = damaged.FindIndex(e => e is Core.Events.OfferMade { Vendor: "ghost" }) + 1;
        await using (var store = await MartenEventStore.ConnectAsync(database.ConnectionString, ct: ct))
            await store.AppendAsync("damaged-run", 0, damaged, ct);

        var resumed = await Cli.RunAsync("resume", "damaged-run", "--db", database.ConnectionString);

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains($"damaged-run:{line}:1: error: there is no vendor `ghost`", resumed.Err);
        await using var after = await MartenEventStore.ConnectAsync(database.ConnectionString, ct: ct);
        Assert.Equal(damaged.Count, (await after.ReadAsync("damaged-run", null, ct)).Count);
    }

    [Fact]
    public async Task The_run_listing_projection_rebuilt_from_events_gives_the_same_documents()
    {
        await Cli.RunAsync("run", Story, "--db", database.ConnectionString, "--json");
        await using var store = await MartenEventStore.ConnectAsync(database.ConnectionString, ct: TestContext.Current.CancellationToken);
        var before = await store.ListRunsAsync(TestContext.Current.CancellationToken);

        using (var marten = Marten.DocumentStore.For(o => MartenEventStore.Configure(o, database.ConnectionString, MartenEventStore.DefaultSchema)))
        await using (var session = marten.LightweightSession())
        {
            session.DeleteWhere<RunDocument>(_ => true);
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        Assert.Empty(await store.ListRunsAsync(TestContext.Current.CancellationToken));

        await store.RebuildListingsAsync(TestContext.Current.CancellationToken);
        var after = await store.ListRunsAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(before);
        Assert.Equal(Json(before), Json(after));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Core.Events.EventJson.Options);
}
