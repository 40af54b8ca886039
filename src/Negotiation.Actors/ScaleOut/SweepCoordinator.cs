using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace Negotiation.Actors.ScaleOut;

/// <summary>
/// One sweep's share-out, in the process that runs the sweep (issue 21). The edge asks for chunks by index
/// (<see cref="PlayChunk"/>), a bounded number at a time; every worker node of the cluster is offered the sweep and
/// pulls chunks as it has room (<see cref="ChunksWanted"/>). A node that becomes unreachable, leaves or dies has
/// its unfinished chunks put back first in line for the others: a chunk is played again, never lost, and its
/// first result is the one kept (a run's id is its stream's, so a run stored before the node died is read back,
/// not stored twice).
/// </summary>
internal sealed class SweepCoordinator : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan WaitingNotice = TimeSpan.FromSeconds(5);

    /// <summary>How many times a chunk may fail on a node (its database, say) before the sweep fails.</summary>
    internal const int Attempts = 3;

    private readonly string _sweep;
    private readonly string _job;
    private readonly bool _resumed;
    private readonly Action<string> _notice;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly SortedSet<long> _queue = [];
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly Dictionary<IActorRef, Worker> _workers = [];

    public SweepCoordinator(string sweep, string job, bool resumed, Action<string> notice)
    {
        _sweep = sweep;
        _job = job;
        _resumed = resumed;
        _notice = notice;

        Receive<PlayChunk>(Ask);
        Receive<MemberUp>(up => Offer(up.Member));
        Receive<ReachableMember>(back => Offer(back.Member));
        Receive<UnreachableMember>(lost => Lose(lost.Member.Address, "is unreachable"));
        Receive<MemberRemoved>(gone => Lose(gone.Member.Address, "left the cluster"));
        Receive<IMemberEvent>(_ => { });
        Receive<ChunksWanted>(Wanted);
        Receive<ChunkPlayed>(Played);
        Receive<ChunkFailed>(Failed);
        Receive<SweepRefused>(Refused);
        Receive<Terminated>(t => Lose(t.ActorRef, "stopped"));
        Receive<CloseSweep>(_ => Close());
        Receive<WorkerCheck>(_ => NoWorkerYet());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(IMemberEvent), typeof(IReachabilityEvent));
        Timers.StartSingleTimer(nameof(NoWorkerYet), new WorkerCheck(), WaitingNotice);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        foreach (var p in _pending.Values) p.ReplyTo.Tell(new Status.Failure(new SweepAbandonedException("the sweep's coordinator stopped")));
    }

    public static Props Props(string sweep, string job, bool resumed, Action<string> notice) =>
        Akka.Actor.Props.Create(() => new SweepCoordinator(sweep, job, resumed, notice));

    private void Ask(PlayChunk ask)
    {
        _pending[ask.Index] = new Pending(ask.Start, ask.Count, Sender) { MayBeStored = _resumed };
        _queue.Add(ask.Index);
        Dispatch();
    }

    private void Offer(Member member)
    {
        if (!member.HasRole(ClusterNodes.WorkerRole) || member.Status != MemberStatus.Up) return;
        Context.ActorSelection(new RootActorPath(member.Address) / "user" / SweepWorker.Name).Tell(new SweepOpened(_sweep, _job));
    }

    private void Wanted(ChunksWanted wanted)
    {
        if (wanted.Sweep != _sweep) return;
        if (!_workers.TryGetValue(Sender, out var worker))
        {
            worker = _workers[Sender] = new Worker(Sender.Path.Address);
            Context.Watch(Sender);
            _notice($"{worker.Address}: playing");
        }
        worker.Room = wanted.Count;
        Dispatch();
    }

    private void Played(ChunkPlayed played)
    {
        if (played.Sweep != _sweep) return;
        Freed(played.Index);
        // A chunk put back when its node was thought lost may come twice: the first result is the one kept.
        if (_pending.Remove(played.Index, out var pending))
        {
            _queue.Remove(played.Index);
            pending.ReplyTo.Tell(played);
        }
        Dispatch();
    }

    private void Failed(ChunkFailed failed)
    {
        if (failed.Sweep != _sweep) return;
        Freed(failed.Index);
        if (!_pending.TryGetValue(failed.Index, out var pending)) return;
        pending.Failures++;
        if (pending.Failures >= Attempts)
        {
            _pending.Remove(failed.Index);
            pending.ReplyTo.Tell(new Status.Failure(new SweepAbandonedException($"runs {pending.Start + 1:N0} to {pending.Start + pending.Count:N0} failed {Attempts} times; the last: {failed.Reason}")));
            return;
        }
        _notice($"{Sender.Path.Address}: runs {pending.Start + 1:N0} to {pending.Start + pending.Count:N0} failed ({failed.Reason}); they are played again");
        pending.MayBeStored = true;
        if (!IsInFlight(failed.Index)) _queue.Add(failed.Index);
        Dispatch();
    }

    /// <summary>
    /// A worker's answer frees a place on it, whether or not the chunk is still counted as its own: a node seen
    /// lost and then back reported its room without the chunks it was still playing, which free places as they end.
    /// </summary>
    private void Freed(long index)
    {
        if (!_workers.TryGetValue(Sender, out var worker)) return;
        worker.Chunks.Remove(index);
        worker.Room++;
    }

    private void Refused(SweepRefused refused)
    {
        if (refused.Sweep != _sweep) return;
        // Every node reads the same job: one that cannot is misconfigured (no database, another build), and is said so.
        var failure = new SweepAbandonedException($"{Sender.Path.Address} cannot play this sweep: {refused.Reason}");
        foreach (var p in _pending.Values) p.ReplyTo.Tell(new Status.Failure(failure));
        _pending.Clear();
        _queue.Clear();
    }

    private void Lose(Address address, string why)
    {
        foreach (var (actor, worker) in _workers.Where(w => w.Value.Address == address).ToList()) Lose(actor, why);
    }

    private void Lose(IActorRef actor, string why)
    {
        if (!_workers.Remove(actor, out var worker)) return;
        Context.Unwatch(actor);
        var back = worker.Chunks.Where(_pending.ContainsKey).ToList();
        foreach (var index in back)
        {
            _pending[index].MayBeStored = true;
            if (!IsInFlight(index)) _queue.Add(index);
        }
        _notice(back.Count == 0 ? $"{worker.Address}: {why}" : $"{worker.Address}: {why}; its {back.Count} unfinished chunk(s) go to the others");
        Dispatch();
    }

    private bool IsInFlight(long index) => _workers.Values.Any(w => w.Chunks.Contains(index));

    /// <summary>The lowest chunks first, each to the node with the most room.</summary>
    private void Dispatch()
    {
        while (_queue.Count > 0)
        {
            var worker = _workers.Where(w => w.Value.Room > 0).OrderByDescending(w => w.Value.Room).FirstOrDefault();
            if (worker.Key is null) break;
            var index = _queue.Min;
            _queue.Remove(index);
            var pending = _pending[index];
            worker.Value.Room--;
            worker.Value.Chunks.Add(index);
            worker.Key.Tell(new ChunkAssigned(_sweep, index, pending.Start, pending.Count, pending.MayBeStored));
        }
    }

    /// <summary>
    /// Every few seconds: the sweep is offered again to each worker that is up and has not asked for work (an offer
    /// can reach a node before its worker actor has started, and is then lost), and, with work waiting and no worker,
    /// the person is told (not at once: at the start, the workers are answering the first offer).
    /// </summary>
    private void NoWorkerYet()
    {
        var playing = _workers.Values.Select(w => w.Address).ToHashSet();
        foreach (var member in _cluster.State.Members.Where(m => !playing.Contains(m.Address))) Offer(member);
        if (_queue.Count > 0 && _workers.Count == 0) _notice("waiting for a worker node (`negotiate node --seed-nodes ...` joins one to this cluster)");
        Timers.StartSingleTimer(nameof(NoWorkerYet), new WorkerCheck(), WaitingNotice);
    }

    private void Close()
    {
        foreach (var worker in _workers.Keys) worker.Tell(new SweepClosed(_sweep));
        Context.Stop(Self);
    }

    private sealed record WorkerCheck;

    private sealed class Pending(long start, int count, IActorRef replyTo)
    {
        public long Start { get; } = start;
        public int Count { get; } = count;
        public IActorRef ReplyTo { get; } = replyTo;
        public bool MayBeStored { get; set; }
        public int Failures { get; set; }
    }

    private sealed class Worker(Address address)
    {
        public Address Address { get; } = address;
        public int Room { get; set; }
        public HashSet<long> Chunks { get; } = [];
    }
}

/// <summary>From the edge, in process: play a chunk; answered with its <see cref="ChunkPlayed"/> or a failure.</summary>
internal sealed record PlayChunk(long Index, long Start, int Count);

/// <summary>From the edge, in process: the sweep is over.</summary>
internal sealed record CloseSweep;

/// <summary>A sweep that cannot finish: a chunk that keeps failing, or a node that cannot play it at all.</summary>
public sealed class SweepAbandonedException(string message) : Exception(message);
