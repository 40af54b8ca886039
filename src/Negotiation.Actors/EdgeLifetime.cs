using Microsoft.Extensions.Hosting;

namespace Negotiation.Actors;

/// <summary>
/// The engine's host leaves Ctrl-C and SIGTERM to the edge that owns the process. The default console lifetime
/// (like Akka's own shutdown hook, turned off in the engine's HOCON) would stop the actor system on the signal by
/// itself, racing the edge's own cancellation: a run could then fail as "stopped unexpectedly" before the edge
/// knew it had been cancelled.
/// </summary>
internal sealed class EdgeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
