using Akka.Actor;

namespace Negotiation.Actors.ScaleOut;

/// <summary>
/// A worker node's part in the sweeps of its cluster (issue 21): it prepares each sweep it is offered, pulls
/// chunks as it has room (<see cref="Slots"/>: one playing on every core while the next waits its turn) and sends
/// their results back. What a chunk is, the edge's <see cref="ISweepWork"/> knows; the actor owns only its
/// sweeps' lifetimes. A sweep whose coordinator goes away is dropped when its last chunk ends.
/// </summary>
internal sealed class SweepWorker : ReceiveActor
{
    public const string Name = "sweep-worker";

    /// <summary>Chunks a node takes at once.</summary>
    internal const int Slots = 2;

    private readonly ISweepWork _work;
    private readonly Action<string> _notice;
    private readonly Dictionary<string, Sweep> _sweeps = [];
    private readonly CancellationTokenSource _stopping = new();

    public SweepWorker(ISweepWork work, Action<string> notice)
    {
        _work = work;
        _notice = notice;
        Receive<SweepOpened>(Open);
        Receive<Opened>(Ready);
        Receive<NotOpened>(NotReady);
        Receive<ChunkAssigned>(Play);
        Receive<Finished>(Done);
        Receive<SweepClosed>(closed => Close(closed.Sweep));
        Receive<Terminated>(t =>
        {
            foreach (var s in _sweeps.Where(s => s.Value.Coordinator.Equals(t.ActorRef)).Select(s => s.Key).ToList()) Close(s);
        });
    }

    public static Props Props(ISweepWork work, Action<string> notice) => Akka.Actor.Props.Create(() => new SweepWorker(work, notice));

    protected override void PostStop()
    {
        _stopping.Cancel();
        foreach (var s in _sweeps.Values) _ = s.Part?.DisposeAsync().AsTask();
        _stopping.Dispose();
    }

    private void Open(SweepOpened opened)
    {
        if (_sweeps.TryGetValue(opened.Sweep, out var known))
        {
            // Offered again (the coordinator saw this node come back): its room is what is not being played.
            if (known.Part is not null) Sender.Tell(new ChunksWanted(opened.Sweep, Slots - known.Busy));
            return;
        }
        _sweeps[opened.Sweep] = new Sweep(Sender);
        Context.Watch(Sender);
        _notice($"sweep {opened.Sweep}: taking part for {Sender.Path.Address}");
        var sweep = opened.Sweep;
        _work.OpenAsync(opened.Job, _stopping.Token).PipeTo(Self, success: part => new Opened(sweep, part), failure: e => new NotOpened(sweep, Reason(e)));
    }

    private void Ready(Opened opened)
    {
        if (!_sweeps.TryGetValue(opened.Sweep, out var sweep) || sweep.Closing)
        {
            _ = opened.Part.DisposeAsync().AsTask();
            _sweeps.Remove(opened.Sweep);
            return;
        }
        sweep.Part = opened.Part;
        sweep.Coordinator.Tell(new ChunksWanted(opened.Sweep, Slots), Self);
    }

    private void NotReady(NotOpened failed)
    {
        if (!_sweeps.Remove(failed.Sweep, out var sweep)) return;
        _notice($"sweep {failed.Sweep}: cannot take part: {failed.Reason}");
        sweep.Coordinator.Tell(new SweepRefused(failed.Sweep, failed.Reason), Self);
    }

    private void Play(ChunkAssigned chunk)
    {
        if (!_sweeps.TryGetValue(chunk.Sweep, out var sweep) || sweep.Part is null || sweep.Closing)
        {
            Sender.Tell(new ChunkFailed(chunk.Sweep, chunk.Index, "the node is not ready for this sweep"));
            return;
        }
        sweep.Busy++;
        sweep.Part.PlayAsync(chunk.Start, chunk.Count, chunk.MayBeStored, _stopping.Token).PipeTo(Self,
            success: results => new Finished(chunk.Sweep, new ChunkPlayed(chunk.Sweep, chunk.Index, results)),
            failure: e => new Finished(chunk.Sweep, new ChunkFailed(chunk.Sweep, chunk.Index, Reason(e))));
    }

    private void Done(Finished finished)
    {
        if (!_sweeps.TryGetValue(finished.Sweep, out var sweep)) return;
        sweep.Busy--;
        if (finished.Answer is ChunkFailed failed) _notice($"sweep {failed.Sweep}: chunk {failed.Index} failed: {failed.Reason}");
        if (!sweep.Closing)
        {
            sweep.Coordinator.Tell(finished.Answer, Self);
            return;
        }
        if (sweep.Busy == 0) Drop(finished.Sweep, sweep);
    }

    private void Close(string name)
    {
        if (!_sweeps.TryGetValue(name, out var sweep)) return;
        sweep.Closing = true;
        if (sweep.Busy == 0) Drop(name, sweep);
    }

    private void Drop(string name, Sweep sweep)
    {
        _sweeps.Remove(name);
        Context.Unwatch(sweep.Coordinator);
        _ = sweep.Part?.DisposeAsync().AsTask();
        _notice($"sweep {name}: done here");
    }

    private static string Reason(Exception e) => (e is AggregateException { InnerException: { } inner } ? inner : e).Message.Split('\n')[0];

    private sealed class Sweep(IActorRef coordinator)
    {
        public IActorRef Coordinator { get; } = coordinator;
        public ISweepPart? Part { get; set; }
        public int Busy { get; set; }
        public bool Closing { get; set; }
    }

    private sealed record Opened(string Sweep, ISweepPart Part);

    private sealed record NotOpened(string Sweep, string Reason);

    private sealed record Finished(string Sweep, IScaleOutMessage Answer);
}
