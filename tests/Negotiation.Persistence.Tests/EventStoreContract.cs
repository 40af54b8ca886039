using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Storage;
using Negotiation.Testing;

namespace Negotiation.Persistence.Tests;

/// <summary>What every event store must do; run against the in-memory store, the local run store and Marten on PostgreSQL.</summary>
public abstract class EventStoreContract
{
    private static readonly IReadOnlyList<RunEvent> Story = Simulation.Run(Stories.WholeStory(), 7);

    /// <summary>A store of its own, empty, for tests that look at the whole store.</summary>
    protected abstract Task<IEventStore> FreshStoreAsync();

    /// <summary>A store shared by the class's tests, which each use their own run id.</summary>
    protected abstract Task<IEventStore> SharedStoreAsync();

    private static string NewRunId() => $"run-{Guid.NewGuid():N}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Json(RunEvent e) => EventTypes.NameOf(e) + EventJson.Serialize(e);

    [Fact]
    public async Task Reads_back_every_event_in_order_with_its_position()
    {
        var store = await SharedStoreAsync();
        var run = NewRunId();
        Assert.Equal(Story.Count, await store.AppendAsync(run, 0, Story, Ct));

        var read = await store.ReadAsync(run, null, Ct);

        Assert.Equal(Enumerable.Range(1, Story.Count).Select(i => (long)i), read.Select(e => e.Seq));
        Assert.Equal(Story.Select(Json), read.Select(e => Json(e.Event)));
    }

    [Fact]
    public async Task Appends_in_batches_and_reads_up_to_an_event()
    {
        var store = await SharedStoreAsync();
        var run = NewRunId();
        var version = 0L;
        foreach (var batch in Story.Chunk(5)) version = await store.AppendAsync(run, version, batch, Ct);

        var firstSeven = await store.ReadAsync(run, 7, Ct);

        Assert.Equal(Story.Count, version);
        Assert.Equal(Story.Take(7).Select(Json), firstSeven.Select(e => Json(e.Event)));
        Assert.Equal(7L, firstSeven[^1].Seq);
    }

    [Fact]
    public async Task An_unknown_run_reads_as_empty()
    {
        var store = await SharedStoreAsync();
        Assert.Empty(await store.ReadAsync(NewRunId(), null, Ct));
    }

    [Fact]
    public async Task A_stale_writer_is_refused_and_nothing_of_its_batch_is_stored()
    {
        var store = await SharedStoreAsync();
        var run = NewRunId();
        await store.AppendAsync(run, 0, Story.Take(3).ToList(), Ct);
        await store.AppendAsync(run, 3, Story.Skip(3).Take(2).ToList(), Ct);

        var conflict = await Assert.ThrowsAsync<StreamConcurrencyException>(
            () => store.AppendAsync(run, 3, Story.Skip(5).Take(4).ToList(), Ct));

        Assert.Equal(3, conflict.Expected);
        Assert.Equal(5, conflict.Actual);
        Assert.Equal(Story.Take(5).Select(Json), (await store.ReadAsync(run, null, Ct)).Select(e => Json(e.Event)));
    }

    [Fact]
    public async Task Starting_a_run_that_exists_is_a_conflict()
    {
        var store = await SharedStoreAsync();
        var run = NewRunId();
        await store.AppendAsync(run, 0, Story.Take(2).ToList(), Ct);

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => store.AppendAsync(run, 0, Story.Take(2).ToList(), Ct));
        Assert.Equal(2, (await store.ReadAsync(run, null, Ct)).Count);
    }

    [Fact]
    public async Task Of_many_concurrent_writers_at_one_version_exactly_one_wins_whole()
    {
        var store = await SharedStoreAsync();
        var run = NewRunId();
        await store.AppendAsync(run, 0, Story.Take(1).ToList(), Ct);

        var writers = Enumerable.Range(0, 16).Select(async w =>
        {
            IReadOnlyList<RunEvent> batch = [new NewsReported(1, $"writer {w} a"), new NewsReported(1, $"writer {w} b"), new NewsReported(1, $"writer {w} c")];
            try
            {
                await store.AppendAsync(run, 1, batch, Ct);
                return w;
            }
            catch (StreamConcurrencyException)
            {
                return -1;
            }
        }).ToList();
        var winners = (await Task.WhenAll(writers)).Where(w => w >= 0).ToList();

        var stream = await store.ReadAsync(run, null, Ct);
        var winner = Assert.Single(winners);
        Assert.Equal(4, stream.Count);
        Assert.All(stream.Skip(1), e => Assert.StartsWith($"writer {winner} ", ((NewsReported)e.Event).Text));
    }

    [Fact]
    public async Task Lists_runs_with_scenario_seed_status_and_outcomes()
    {
        var store = await FreshStoreAsync();
        var concluded = NewRunId();
        var running = NewRunId();
        await store.AppendAsync(concluded, 0, Story, Ct);
        await store.AppendAsync(running, 0, Story.Take(4).ToList(), Ct);

        var runs = await store.ListRunsAsync(Ct);

        Assert.Equal(2, runs.Count);
        var done = runs.Single(r => r.RunId == concluded);
        Assert.Equal(("the-whole-story", 7, "concluded", (long)Story.Count), (done.Scenario, done.Seed, done.Status, done.Events));
        Assert.Equal(((RunConcluded)Story[^1]).Outcomes.Select(o => (o.Vendor, o.Result)), done.Outcomes.Select(o => (o.Vendor, o.Result)));
        Assert.NotNull(done.Started);
        var partial = runs.Single(r => r.RunId == running);
        Assert.Equal(("unfinished", 4L, Story[3].Round), (partial.Status, partial.Events, partial.Round));
        Assert.Equal(Story[^1].Round, done.Round);
    }

    [Fact]
    public async Task Round_trips_events_with_all_their_data()
    {
        var store = await SharedStoreAsync();
        var run = NewRunId();
        var scenario = Stories.WholeStory() with { Title = "Überprüfung — “red lines” 红线", Description = null };
        IReadOnlyList<RunEvent> events =
        [
            new NegotiationOpened(scenario, 42),
            new OfferMade(1, "openai", "dow", new Dictionary<string, string> { ["usage_scope"] = "all-lawful-uses" },
                new Dictionary<string, double> { ["dow"] = 0.1 + 0.2, ["openai"] = 1.0 / 3 }, []),
            new OptionLocked(2, "openai", "usage_scope", "enumerated-uses", null),
            new StatementMade(3, "anthropic", StatementTrigger.Threatened, "Keine Einschüchterung — «никогда»"),
            new RunConcluded(4, [new Outcome("anthropic", OutcomeResult.Designated, 4, null, null, LitigationStatus.Pending)]),
        ];
        await store.AppendAsync(run, 0, events, Ct);

        var read = await store.ReadAsync(run, null, Ct);

        Assert.Equal(events.Select(Json), read.Select(e => Json(e.Event)));
        var opened = Assert.IsType<NegotiationOpened>(read[0].Event);
        Assert.Equal(scenario.Title, opened.Scenario.Title);
        Assert.Null(opened.Scenario.Description);
        Assert.Equal(0.1 + 0.2, ((OfferMade)read[1].Event).Utilities["dow"]);
        Assert.Equal(scenario.Agency.RedLines[1].Forbid, opened.Scenario.Agency.RedLines[1].Forbid);
    }
}
