using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Negotiation.Core.Model;
using Negotiation.Core.Storage;

namespace Negotiation.Actors;

/// <summary>
/// The actor system, hosted with Akka.Hosting, as the edge (CLI, tests) sees it: ask it to run, resume or
/// continue a run and wait for the end. The only place that uses Ask.
/// </summary>
public sealed class NegotiationEngine : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PlayedRunTimeout = TimeSpan.FromHours(12);

    private readonly IHost _host;
    private readonly IActorRef _runs;
    private readonly bool _waitsForPerson;

    private NegotiationEngine(IHost host, IActorRef runs, bool waitsForPerson)
    {
        _host = host;
        _runs = runs;
        _waitsForPerson = waitsForPerson;
    }

    /// <summary>For tests that reach into a run (for example to make a party fail).</summary>
    internal ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    /// <param name="person">where the moves of parties a person plays come from (see <see cref="StartRun.Humans"/>)</param>
    public static async Task<NegotiationEngine> StartAsync(IEventStore store, CancellationToken ct = default, IMoveSource? person = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IHostLifetime, EdgeLifetime>();
        builder.Services.AddAkka("negotiation", (akka, _) =>
        {
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.ErrorLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            // Signals belong to the edge that owns the process (see EdgeLifetime): Akka's own SIGTERM hook would stop
            // the actor system before the edge had cancelled, and a run would fail instead of being cancelled.
            akka.AddHocon("akka.stdout-loglevel = OFF\nakka.log-dead-letters = off\nakka.log-dead-letters-during-shutdown = off\nakka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);
            akka.WithActors((system, registry, resolver) =>
                registry.Register<RunsSupervisor>(system.ActorOf(Props.Create(() => new RunsSupervisor(resolver.GetService<IEventStore>(), person)), "runs")));
        });
        var host = builder.Build();
        await host.StartAsync(ct);
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        return new NegotiationEngine(host, await registry.GetAsync<RunsSupervisor>(ct), person?.WaitsForPerson == true);
    }

    public Task<RunFinished> RunAsync(string runId, Scenario scenario, int seed, CancellationToken ct = default, IReadOnlyList<string>? humans = null, bool? scriptOffered = null) =>
        Expect<RunFinished>(new StartRun(runId, scenario, seed, null, humans) { ScriptOffered = scriptOffered }, ct, humans is { Count: > 0 } ? PlayedRunTimeout : RunTimeout);

    public Task<RunStopped> RunUntilAsync(string runId, Scenario scenario, int seed, int stopAfterRound, CancellationToken ct = default) =>
        Expect<RunStopped>(new StartRun(runId, scenario, seed, stopAfterRound), ct);

    /// <summary>Starts a what-if from a parent's shared events and runs it to its end.</summary>
    public Task<RunFinished> ForkAsync(string runId, IReadOnlyList<Core.Events.RunEvent> shared, Core.Engine.ForkRun fork, CancellationToken ct = default, bool played = false) =>
        Expect<RunFinished>(new StartFork(runId, shared, fork), ct, played ? PlayedRunTimeout : RunTimeout);

    /// <summary>Continues a stored run (resume, or a fork's tail) to its end.</summary>
    public Task<RunFinished> ContinueAsync(string runId, CancellationToken ct = default, bool played = false) =>
        Expect<RunFinished>(new ContinueRun(runId), ct, played ? PlayedRunTimeout : RunTimeout);

    /// <summary>Announces a world event in a run this engine is playing: the stored event, or why it was refused.</summary>
    /// <remarks>
    /// An announcement that reaches a run in the moment it stops (it has just concluded) is never answered: the
    /// run's actor is gone before it reads it. That is told as a refusal, not a server failure (the body fuzzer
    /// met it once on a loaded machine: a 500 after 30 s).
    /// </remarks>
    public async Task<AnnounceAnswered> AnnounceAsync(string runId, Core.Model.WorldEvent world, CancellationToken ct = default)
    {
        try
        {
            return await _runs.Ask<AnnounceAnswered>(new Announce(runId, world), TimeSpan.FromSeconds(10), ct);
        }
        catch (AskTimeoutException)
        {
            return new AnnounceAnswered(runId, null, "the run did not answer: it has ended, or is ending; nothing was announced");
        }
    }

    private async Task<T> Expect<T>(object message, CancellationToken ct, TimeSpan? timeout = null)
    {
        var reply = await _runs.Ask<object>(message, timeout ?? RunTimeout, ct);
        return reply switch
        {
            T expected => expected,
            RunFailed failed => throw new RunFailedException(failed),
            Status.Failure failure => throw new RunFailedException(new RunFailed("?", failure.Cause.Message, 0, failure.Cause)),
            _ => throw new InvalidOperationException($"unexpected reply {reply.GetType().Name}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

public sealed class RunFailedException(RunFailed failed) : Exception($"run {failed.RunId} failed: {failed.Reason} ({failed.EventsKept} events kept)")
{
    public RunFailed Failed { get; } = failed;
}
