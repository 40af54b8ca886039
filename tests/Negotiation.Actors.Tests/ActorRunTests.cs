using Akka.Actor;
using CsCheck;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;
using Negotiation.Persistence;
using Negotiation.Testing;

namespace Negotiation.Actors.Tests;

/// <summary>The actor shell hosts the core faithfully: the same events as the pure simulation, however it is driven.</summary>
public sealed class ActorRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<RunEvent> Events(RunFinished finished) => finished.Events.Select(e => e.Event).ToList();

    [Fact]
    public async Task Generated_scenarios_run_through_actors_give_the_simulations_events_and_keep_the_invariants()
    {
        var store = new InMemoryEventStore();
        await using var engine = await NegotiationEngine.StartAsync(store, Ct);
        var cases = Gen.Select(Gen.Int[1, 10_000_000], Gen.Int[1, 100_000]).Array[40].Single();
        foreach (var (scenarioSeed, seed) in cases)
        {
            var scenario = GeneratedScenarios.Build(scenarioSeed);
            var finished = await engine.RunAsync($"gen-{scenarioSeed}-{seed}", scenario, seed, Ct);
            Assert.Equal(Invariants.Json(Simulation.Run(scenario, seed)), Invariants.Json(Events(finished)));
            Invariants.Check(Events(finished));
        }
    }

    /// <summary>Format 1.2 through the actors: a choice by expected value, an injunction that reopens the negotiation past the deadline.</summary>
    [Fact]
    public async Task A_reopened_negotiation_and_a_weighed_choice_run_through_actors_as_in_the_simulation()
    {
        var store = new InMemoryEventStore();
        await using var engine = await NegotiationEngine.StartAsync(store, Ct);
        var scenario = Stories.BreakEven(1.0);
        scenario = scenario with { Litigation = scenario.Litigation! with { AfterInjunction = Core.Model.AfterInjunction.Reopen, ReopenRounds = 5 } };

        var finished = await engine.RunAsync("reopened", scenario, 1, Ct);

        var events = Events(finished);
        Assert.Equal(Invariants.Json(Simulation.Run(scenario, 1)), Invariants.Json(events));
        Assert.Contains(events, e => e is Core.Events.ChoiceWeighed);
        Assert.Contains(events, e => e is Core.Events.DesignationLifted);
        Assert.True(events[^1].Round > scenario.Rounds);
    }

    /// <summary>Issue 22: the supervisor found a run's actor by a prefix of its name, so run `abc` could find run `abc-2`'s.</summary>
    [Fact]
    public async Task A_runs_actor_is_found_by_its_whole_id_never_by_a_prefix()
    {
        await using var engine = await NegotiationEngine.StartAsync(new InMemoryEventStore(), Ct, new AbsentPerson());
        _ = engine.RunAsync("abc-2", Stories.WholeStory(), 7, CancellationToken.None, ["anthropic"]);

        var answer = await engine.AnnounceAsync("abc", new Core.Model.WorldEvent(1, "news", null, null, null), Ct);

        Assert.Equal("the run is not playing", answer.Refused);
        Assert.Null(await engine.AskSeatAsync("abc", "anthropic", ViewSeat.Instance, Ct));
    }

    /// <summary>A person's source that fails (a console closed mid-question).</summary>
    private sealed class ClosedConsole : Actors.IMoveSource
    {
        public bool WaitsForPerson => true;

        public Task<IReadOnlyList<Core.Engine.Move>> ChooseAsync(RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct) =>
            Task.FromException<IReadOnlyList<Core.Engine.Move>>(new IOException("the console closed"));

        public Task<Core.Engine.Move> AnswerAsync(Question question, CancellationToken ct) => Task.FromException<Core.Engine.Move>(new IOException("the console closed"));
    }

    [Fact]
    public async Task A_persons_source_that_fails_fails_the_run_at_once_with_its_reason()
    {
        await using var engine = await NegotiationEngine.StartAsync(new InMemoryEventStore(), Ct, new ClosedConsole());

        var failed = await Assert.ThrowsAsync<RunFailedException>(() => engine.RunAsync("closed", Stories.WholeStory(), 7, Ct, ["anthropic"]).WaitAsync(TimeSpan.FromSeconds(60), Ct));

        Assert.Contains("the console closed", failed.Message);
    }

    /// <summary>A person who plays like the policy, noting every round it is asked in.</summary>
    private sealed class PolicyPerson : Actors.IMoveSource
    {
        public List<int> Asked { get; } = [];

        public bool WaitsForPerson => true;

        public Task<IReadOnlyList<Core.Engine.Move>> ChooseAsync(RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct)
        {
            lock (Asked) Asked.Add(view.Round);
            return Task.FromResult(Policy.MovesOf(view, party));
        }

        public Task<Core.Engine.Move> AnswerAsync(Question question, CancellationToken ct) => Task.FromResult(Policy.Answer(question));
    }

    [Fact]
    public async Task A_person_whose_negotiation_is_over_is_not_asked_again_and_the_run_goes_on_without_them()
    {
        var person = new PolicyPerson();
        await using var engine = await NegotiationEngine.StartAsync(new InMemoryEventStore(), Ct, person);
        var scenario = Stories.WholeStory();

        var finished = await engine.RunAsync("openai-signs", scenario, 7, Ct, ["openai"]);

        var events = Events(finished);
        var signed = events.OfType<AgreementSigned>().Single(a => a.Vendor == "openai").Round;
        Assert.True(events[^1].Round > signed + 1, "the run goes on after OpenAI signs");
        Assert.Equal(Enumerable.Range(1, signed), person.Asked);
        // The events are the policy's own for a run with a person (nothing said or asked in its name, classroom.md
        // 1.1): a person asked only while its negotiation is open changes nothing else.
        var opening = Core.Engine.Decider.Decide(RunState.Empty, new OpenRun(scenario, 7, ["openai"]));
        Assert.Equal(Invariants.Json(opening.Skip(1).Concat(Simulation.Continue(Evolution.Fold(opening)))), Invariants.Json(events.Skip(1)));
    }

    [Fact]
    public async Task Several_runs_execute_at_once_without_sharing_state()
    {
        var store = new InMemoryEventStore();
        await using var engine = await NegotiationEngine.StartAsync(store, Ct);
        var scenarios = Enumerable.Range(1, 8).Select(i => (id: $"parallel-{i}", scenario: GeneratedScenarios.Build(1000 + i), seed: i)).ToList();

        var runs = await Task.WhenAll(scenarios.Select(s => engine.RunAsync(s.id, s.scenario, s.seed, Ct)));

        foreach (var (finished, s) in runs.Zip(scenarios))
            Assert.Equal(Invariants.Json(Simulation.Run(s.scenario, s.seed)), Invariants.Json(Events(finished)));
    }

    /// <summary>A person who never moves: a run that waits for them waits as long as its time allows.</summary>
    private sealed class AbsentPerson : Actors.IMoveSource
    {
        public bool WaitsForPerson => true;

        public Task<IReadOnlyList<Core.Engine.Move>> ChooseAsync(RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct) =>
            new TaskCompletionSource<IReadOnlyList<Core.Engine.Move>>().Task;

        public Task<Core.Engine.Move> AnswerAsync(Question question, CancellationToken ct) => new TaskCompletionSource<Core.Engine.Move>().Task;
    }

    /// <summary>
    /// Issue 22: a run did not watch its parties, so a party stopped after five restarts left a person's run waiting
    /// 12 hours. The run now fails at once, saying which party stopped.
    /// </summary>
    [Fact]
    public async Task A_party_that_keeps_failing_and_is_stopped_fails_its_run_at_once()
    {
        await using var engine = await NegotiationEngine.StartAsync(new InMemoryEventStore(), Ct, new AbsentPerson());
        var run = engine.RunAsync("stopped-party", Stories.WholeStory(), 7, Ct, ["anthropic"]);
        // The party fails again and again (a failure sent before the party exists reaches nobody, so they are sent
        // until the run ends), past the five restarts a minute its run allows it.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var i = 1; !run.IsCompleted && DateTime.UtcNow < deadline; i++)
        {
            engine.System.ActorSelection("/user/runs/*/seat-0").Tell(new FailParty($"test: failure {i}"));
            await Task.Delay(50, Ct);
        }

        var failed = await Assert.ThrowsAsync<RunFailedException>(() => run.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.Contains("anthropic stopped after repeated failures", failed.Message);
    }

    [Fact]
    public async Task A_seat_that_throws_is_restarted_rebuilds_from_the_stored_events_and_the_run_ends_the_same()
    {
        NegotiationEngine? engine = null;
        var failed = 0;
        var store = new RecordingStore(new InMemoryEventStore(), (_, version) =>
        {
            if (version > 20 && Interlocked.Exchange(ref failed, 1) == 0)
                engine!.System.ActorSelection("/user/runs/*/seat-0").Tell(new FailParty("test: a seat crashes mid-run"));
        }, TimeSpan.FromMilliseconds(20));
        engine = await NegotiationEngine.StartAsync(store, Ct, new PolicyPerson());
        await using var _ = engine;
        var scenario = Stories.WholeStory();

        var finished = await engine.RunAsync("crashing-seat", scenario, 7, Ct, ["anthropic"]);

        Assert.Equal(1, failed);
        // The run reads its stream once when it ends; the seat once when it starts and once more after its restart.
        Assert.True(store.Reads >= 3, $"only {store.Reads} reads: the seat did not rebuild");
        var opening = Core.Engine.Decider.Decide(RunState.Empty, new OpenRun(scenario, 7, ["anthropic"]));
        Assert.Equal(Invariants.Json(opening.Concat(Simulation.Continue(Evolution.Fold(opening)))), Invariants.Json(Events(finished)));
    }

    [Fact]
    public async Task A_run_stopped_between_rounds_keeps_its_rounds_and_resumes_to_the_same_end()
    {
        var store = new InMemoryEventStore();
        await using var engine = await NegotiationEngine.StartAsync(store, Ct);
        var scenario = Stories.WholeStory();

        var stopped = await engine.RunUntilAsync("interrupted", scenario, 7, 4, Ct);
        var kept = await store.ReadAsync("interrupted", null, Ct);
        var resumed = await engine.ContinueAsync("interrupted", Ct);

        Assert.Equal(4, stopped.Round);
        Assert.Equal(4, kept[^1].Event.Round);
        Assert.Equal(Invariants.Json(Simulation.Run(scenario, 7)), Invariants.Json(Events(resumed)));
    }

    [Fact]
    public async Task A_run_whose_store_fails_reports_it_and_keeps_every_round_appended_before()
    {
        var inner = new InMemoryEventStore();
        var store = new FailingStore(inner, failAtAppend: 4);
        await using var engine = await NegotiationEngine.StartAsync(store, Ct);

        var error = await Assert.ThrowsAsync<RunFailedException>(() => engine.RunAsync("dies", Stories.WholeStory(), 7, Ct));

        var kept = await inner.ReadAsync("dies", null, Ct);
        Assert.Equal(kept.Count, error.Failed.EventsKept);
        Assert.Equal(2, kept[^1].Event.Round); // appends: the opening, round 1, round 2; round 3 fails
        Assert.Equal(Invariants.Json(Simulation.Run(Stories.WholeStory(), 7).Take(kept.Count)), Invariants.Json(kept.Select(e => e.Event)));
    }

    private sealed class FailingStore(IEventStore inner, int failAtAppend) : IEventStore
    {
        private int _appends;

        public Task<long> AppendAsync(string runId, long expectedVersion, IReadOnlyList<RunEvent> events, CancellationToken ct = default) =>
            Interlocked.Increment(ref _appends) == failAtAppend
                ? throw new IOException("disk full")
                : inner.AppendAsync(runId, expectedVersion, events, ct);

        public Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long? untilVersion = null, CancellationToken ct = default) =>
            inner.ReadAsync(runId, untilVersion, ct);

        public Task<IReadOnlyList<RunListing>> ListRunsAsync(CancellationToken ct = default) => inner.ListRunsAsync(ct);
    }
}
