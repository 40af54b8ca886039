namespace Negotiation.Actors.ScaleOut;

/// <summary>
/// What crosses the network between a sweep's coordinator and the workers of a cluster (issue 21). A sweep's
/// description and a chunk's results travel as text the edge writes and reads (see <see cref="ISweepWork"/>): the
/// actors share the work out and never look inside it. Actor references travel only as each message's sender.
/// </summary>
public interface IScaleOutMessage;

/// <summary>To a worker node: a sweep it may take part in, described by <paramref name="Job"/>.</summary>
public sealed record SweepOpened(string Sweep, string Job) : IScaleOutMessage;

/// <summary>To a worker node: play the runs <paramref name="Start"/> to <paramref name="Start"/> + <paramref name="Count"/> - 1.</summary>
/// <param name="MayBeStored">an earlier attempt (a node lost, a sweep taken up again) may have stored some of them</param>
public sealed record ChunkAssigned(string Sweep, long Index, long Start, int Count, bool MayBeStored) : IScaleOutMessage;

/// <summary>To a worker node: the sweep is over (or its coordinator gone); what it prepared for it may go.</summary>
public sealed record SweepClosed(string Sweep) : IScaleOutMessage;

/// <summary>To the coordinator: a worker can take this many more chunks of the sweep (the pull that bounds the work in flight).</summary>
public sealed record ChunksWanted(string Sweep, int Count) : IScaleOutMessage;

/// <summary>To the coordinator: a chunk's results, as the edge wrote them (UTF-8 text, carried as it is).</summary>
public sealed record ChunkPlayed(string Sweep, long Index, byte[] Results) : IScaleOutMessage;

/// <summary>To the coordinator: a worker could not play a chunk (its database failed, say); another may.</summary>
public sealed record ChunkFailed(string Sweep, long Index, string Reason) : IScaleOutMessage;

/// <summary>To the coordinator: a worker cannot take part in the sweep at all (it cannot read the job, or reach the database).</summary>
public sealed record SweepRefused(string Sweep, string Reason) : IScaleOutMessage;
