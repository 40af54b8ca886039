using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Negotiation.Core.Model;
using Negotiation.Core.Storage;

namespace Negotiation.Actors;

/// <summary>
/// The actor system, hosted with Akka.Hosting, as the edge (CLI, class server, tests) sees it: ask it to run, resume
/// or continue a run and wait for the end, and reach a playing run's seats. The only place that uses Ask.
/// </summary>
public sealed class NegotiationEngine : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PlayedRunTimeout = TimeSpan.FromHours(12);

    private readonly IServiceProvider _services;
    private readonly IHost? _host;
    private IActorRef? _supervisor;

    private NegotiationEngine(IServiceProvider services, IHost? host = null)
    {
        _services = services;
        _host = host;
    }

    // Registered when the host's actor system starts, which is before any request or command reaches the engine.
    private IActorRef Runs => _supervisor ??= _services.GetRequiredService<ActorRegistry>().Get<RunsSupervisor>();

    /// <summary>For tests that reach into a run (for example to make a seat fail).</summary>
    internal ActorSystem System => _services.GetRequiredService<ActorSystem>();

    /// <summary>
    /// Adds the engine's actor system to a host's services (Akka.Hosting's <c>AddAkka</c>): the class server's web host
    /// carries it, rather than a second host. The engine itself is <see cref="Of"/> the host's services.
    /// </summary>
    /// <param name="person">where the moves of parties a person plays come from (a console, a recording)</param>
    /// <param name="seats">the class server's side of the seats its people play (see <see cref="SeatActor"/>)</param>
    public static IServiceCollection AddNegotiationEngine(IServiceCollection services, IEventStore store, IMoveSource? person = null, ISeatHost? seats = null)
    {
        services.AddSingleton(store);
        services.AddAkka("negotiation", (akka, _) =>
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
                registry.Register<RunsSupervisor>(system.ActorOf(Props.Create(() => new RunsSupervisor(resolver.GetService<IEventStore>(), person, seats)), "runs")));
        });
        return services;
    }

    /// <summary>The engine of a host that <see cref="AddNegotiationEngine"/> was added to; usable once the host has started.</summary>
    public static NegotiationEngine Of(IServiceProvider services) => new(services);

    /// <summary>An engine with a host of its own (the CLI, tests): disposing it stops the host.</summary>
    /// <param name="person">where the moves of parties a person plays come from (see <see cref="StartRun.Humans"/>)</param>
    public static async Task<NegotiationEngine> StartAsync(IEventStore store, CancellationToken ct = default, IMoveSource? person = null, ISeatHost? seats = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EdgeLifetime>();
        AddNegotiationEngine(builder.Services, store, person, seats);
        var host = builder.Build();
        await host.StartAsync(ct);
        var engine = new NegotiationEngine(host.Services, host);
        engine._supervisor = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<RunsSupervisor>(ct);
        return engine;
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
            return await Runs.Ask<AnnounceAnswered>(new Announce(runId, world), TimeSpan.FromSeconds(10), ct);
        }
        catch (AskTimeoutException)
        {
            return new AnnounceAnswered(runId, null, "the run did not answer: it has ended, or is ending; nothing was announced");
        }
    }

    /// <summary>
    /// Asks the seat of <paramref name="party"/> in a playing run (its view, a person's moves, an advance): its reply,
    /// or null when no actor owns that seat now (the run is not playing, or nobody plays the party).
    /// </summary>
    public async Task<object?> AskSeatAsync(string runId, string party, object message, CancellationToken ct = default)
    {
        try
        {
            var reply = await Runs.Ask<object>(new ToSeat(runId, party, message), TimeSpan.FromSeconds(10), ct);
            return reply is NoSeat ? null : reply;
        }
        catch (AskTimeoutException)
        {
            // The seat stopped between the lookup and the answer (its run ended): no seat now.
            return null;
        }
    }

    /// <summary>Tells the seat of a playing run (a pause, a resume); nothing happens when no actor owns it now.</summary>
    public void TellSeat(string runId, string party, object message) => Runs.Tell(new ToSeat(runId, party, message), ActorRefs.NoSender);

    private async Task<T> Expect<T>(object message, CancellationToken ct, TimeSpan? timeout = null)
    {
        var reply = await Runs.Ask<object>(message, timeout ?? RunTimeout, ct);
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
        if (_host is null) return;
        await _host.StopAsync();
        _host.Dispose();
    }
}

public sealed class RunFailedException(RunFailed failed) : Exception($"run {failed.RunId} failed: {failed.Reason} ({failed.EventsKept} events kept)")
{
    public RunFailed Failed { get; } = failed;
}
