namespace Negotiation.Actors.ScaleOut;

/// <summary>
/// What a worker node plays, given by the edge that knows what a sweep is (the CLI): the actors only carry the
/// sweep's description and its chunks' results, both as text.
/// </summary>
public interface ISweepWork
{
    /// <summary>Prepares the sweep a job describes; bad input or an unreachable database is an exception whose message says so.</summary>
    Task<ISweepPart> OpenAsync(string job, CancellationToken ct);
}

/// <summary>A sweep prepared on a worker node.</summary>
public interface ISweepPart : IAsyncDisposable
{
    /// <summary>Plays (or, where an earlier attempt stored them, reads back) a chunk's runs, and stores the new ones; returns their results as UTF-8 text.</summary>
    Task<byte[]> PlayAsync(long start, int count, bool mayBeStored, CancellationToken ct);
}
