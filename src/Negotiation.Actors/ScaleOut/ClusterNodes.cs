using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Negotiation.Actors.ScaleOut;

/// <summary>
/// A member of the cluster (issue 21), hosted with Akka.Hosting: Akka.Remote on the member's address,
/// Akka.Cluster joined through the seed nodes, the split-brain resolver on (keep oldest),
/// the scale-out messages on their own serializer. A worker node carries a <see cref="SweepWorker"/>; a sweep's
/// process carries its <see cref="SweepCoordinator"/>.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    public const string WorkerRole = "worker";

    public const string SweepRole = "sweep";

    /// <summary>A chunk's results are one message; Akka.Remote's default frame (128 kB) is too small for them.</summary>
    private const int FrameBytes = 32 * 1024 * 1024;

    private readonly IHost _host;
    private int _disposed;

    private ClusterNodes(IHost host) => _host = host;

    internal ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    /// <summary>The address the others reach this member at.</summary>
    public string Address => Cluster.Get(System).SelfAddress.ToString();

    /// <summary>Completes when the member's actor system has stopped (downed by the others, or stopped here).</summary>
    public Task Stopped => System.WhenTerminated;

    /// <summary>A worker node: plays the chunks of every sweep the cluster's coordinators offer it.</summary>
    public static Task<ClusterNodes> StartWorkerAsync(ClusterSettings settings, ISweepWork work, Action<string> notice, CancellationToken ct) =>
        StartAsync(settings, WorkerRole, (system, registry) => system.ActorOf(SweepWorker.Props(work, notice), SweepWorker.Name), ct);

    /// <summary>A sweep's process: a member that plays nothing itself and shares its sweep out (see <see cref="ClusterSweep"/>).</summary>
    internal static Task<ClusterNodes> StartSweepAsync(ClusterSettings settings, CancellationToken ct) =>
        StartAsync(settings, SweepRole, (_, _) => { }, ct);

    private static async Task<ClusterNodes> StartAsync(ClusterSettings settings, string role, Action<ActorSystem, IActorRegistry> actors, CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EdgeLifetime>();
        builder.Services.AddAkka(ClusterSettings.SystemName, (akka, _) =>
        {
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.ErrorLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            // As in the engine: signals are the edge's. On Linux, .NET's address reuse is port reuse too: a second node
            // started on a taken port would share it with the first and take some of its connections; it fails instead. A member a little slow under a full sweep (2 cores, every one
            // busy) is not taken for dead: 5 s of silent heartbeats before it is unreachable; a member unreachable for
            // 7 s is downed by the resolver, and its chunks were handed on as soon as it was unreachable.
            akka.AddHocon("""
                akka.stdout-loglevel = OFF
                akka.log-dead-letters = off
                akka.log-dead-letters-during-shutdown = off
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                akka.cluster.failure-detector.acceptable-heartbeat-pause = 5s
                akka.cluster.split-brain-resolver.stable-after = 7s
                akka.cluster.log-info = off
                akka.remote.log-remote-lifecycle-events = off
                akka.remote.dot-netty.tcp.tcp-reuse-addr = off
                """, HoconAddMode.Prepend);
            akka.WithRemoting(new RemoteOptions
            {
                HostName = settings.BindHost,
                PublicHostName = settings.Host,
                Port = settings.Port,
                MaxFrameSize = FrameBytes,
                SendBufferSize = FrameBytes,
                ReceiveBufferSize = FrameBytes,
            });
            akka.WithClustering(new ClusterOptions
            {
                SeedNodes = [.. settings.SeedAddresses],
                Roles = [role],
                // Keep oldest: the side holding the oldest member stays, and an oldest member alone on its side is the one
                // downed. Keep majority (Akka's default) lost a live worker: a sweep's process is a member too, a small
                // cluster is often even, and a tie goes to the lowest address, the dead member's half the time.
                // Counting workers only was worse: two workers, the oldest killed, tie 1 to 1 and the live one goes.
                SplitBrainResolver = new KeepOldestOption { DownIfAlone = true },
            });
            akka.WithCustomSerializer("scale-out", [typeof(IScaleOutMessage)], system => new ScaleOutSerializer(system));
            akka.WithActors((system, registry) => actors(system, registry));
        });
        var host = builder.Build();
        await host.StartAsync(ct);
        return new ClusterNodes(host);
    }

    /// <summary>Completes when this member is up in the cluster (it reached a seed node and was let in).</summary>
    public Task UpAsync(CancellationToken ct)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(System).RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task.WaitAsync(ct);
    }

    /// <summary>Downs every member this one sees unreachable, and waits (a while at most) until they are gone.</summary>
    internal async Task DownUnreachableAsync(TimeSpan within)
    {
        var cluster = Cluster.Get(System);
        var lost = cluster.State.Unreachable.Select(m => m.Address).ToList();
        if (lost.Count == 0) return;
        foreach (var address in lost) cluster.Down(address);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within && cluster.State.Members.Any(m => lost.Contains(m.Address)))
            await Task.Delay(100);
    }

    /// <summary>Leaves the cluster (the others see a member removed, not lost) and stops; once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _host.StopAsync();
        _host.Dispose();
    }
}
