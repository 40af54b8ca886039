using Akka.Actor;

namespace Negotiation.Actors.ScaleOut;

/// <summary>
/// A sweep shared by a cluster's worker nodes, as the edge (the CLI's sweep) sees it: join the cluster, ask for
/// chunks by index, get back each chunk's results as its worker wrote them. Which node plays what, and what
/// happens when one is lost, is the <see cref="SweepCoordinator"/>'s.
/// </summary>
public sealed class ClusterSweep : IAsyncDisposable
{
    private readonly ClusterNodes _member;
    private readonly IActorRef _coordinator;

    private ClusterSweep(ClusterNodes member, IActorRef coordinator)
    {
        _member = member;
        _coordinator = coordinator;
    }

    /// <param name="job">the sweep's description, as the workers' <see cref="ISweepWork"/> reads it</param>
    /// <param name="resumed">an earlier attempt of this sweep stored runs: every chunk is checked for them</param>
    /// <param name="notice">a line for the person running the sweep (a node joined, a node lost)</param>
    public static async Task<ClusterSweep> StartAsync(ClusterSettings settings, string sweep, string job, bool resumed, Action<string> notice, CancellationToken ct)
    {
        var member = await ClusterNodes.StartSweepAsync(settings, ct);
        try
        {
            var up = member.UpAsync(ct);
            if (await Task.WhenAny(up, Task.Delay(TimeSpan.FromSeconds(10), ct)) != up && !ct.IsCancellationRequested)
                notice($"no seed node ({string.Join(", ", settings.SeedNodes.Select(s => $"{s.Host}:{s.Port}"))}) has let this sweep in yet; still trying");
            await up;
            var coordinator = member.System.ActorOf(SweepCoordinator.Props(sweep, job, resumed, notice), "sweep");
            return new ClusterSweep(member, coordinator);
        }
        catch
        {
            await member.DisposeAsync();
            throw;
        }
    }

    /// <summary>A chunk's results, once some worker has played it; a lost worker's chunk is played by another.</summary>
    public async Task<byte[]> PlayAsync(long index, long start, int count, CancellationToken ct) =>
        (await _coordinator.Ask<ChunkPlayed>(new PlayChunk(index, start, count), ct)).Results;

    /// <summary>
    /// Closes the sweep and leaves the cluster. A member the sweep saw lost and the resolver has not yet downed is
    /// downed first: leaving needs the others to agree, which an unreachable member blocks, and a sweep that left
    /// anyway would count as a second lost member, on the lost one's side (a lone worker then downed itself).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _coordinator.Tell(new CloseSweep());
        await _member.DownUnreachableAsync(TimeSpan.FromSeconds(10));
        await _member.DisposeAsync();
    }
}
