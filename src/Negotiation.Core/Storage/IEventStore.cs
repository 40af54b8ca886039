using Negotiation.Core.Events;

namespace Negotiation.Core.Storage;

/// <summary>
/// A run's event stream, one stream per run. Appends are all-or-nothing with optimistic concurrency:
/// <c>expectedVersion</c> is the number of events the writer believes the stream holds (0 for a new run).
/// </summary>
public interface IEventStore
{
    /// <returns>the stream's version after the append</returns>
    /// <exception cref="StreamConcurrencyException">the stream is not at <paramref name="expectedVersion"/>; nothing was stored</exception>
    Task<long> AppendAsync(string runId, long expectedVersion, IReadOnlyList<RunEvent> events, CancellationToken ct = default);

    /// <summary>The stream in order, up to and including event <paramref name="untilVersion"/> when given. Empty for an unknown run.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long? untilVersion = null, CancellationToken ct = default);

    Task<IReadOnlyList<RunListing>> ListRunsAsync(CancellationToken ct = default);

    /// <summary>Many runs' events, in the order asked (a run not stored has none): a store that can reads them in one round trip.</summary>
    async Task<IReadOnlyList<IReadOnlyList<StoredEvent>>> ReadRunsAsync(IReadOnlyList<string> runIds, CancellationToken ct = default)
    {
        var runs = new List<IReadOnlyList<StoredEvent>>(runIds.Count);
        foreach (var runId in runIds) runs.Add(await ReadAsync(runId, null, ct));
        return runs;
    }

    /// <summary>
    /// New runs stored whole (a sweep's chunk), each as a new stream: a store that can writes them in one round trip,
    /// all or none; a run id that already exists fails with <see cref="StreamConcurrencyException"/>.
    /// </summary>
    async Task AppendNewRunsAsync(IReadOnlyList<(string RunId, IReadOnlyList<RunEvent> Events)> runs, CancellationToken ct = default)
    {
        foreach (var (runId, events) in runs) await AppendAsync(runId, 0, events, ct);
    }
}

/// <summary>An event as stored: its 1-based position in the run's stream.</summary>
public sealed record StoredEvent(long Seq, RunEvent Event, DateTimeOffset? Timestamp = null);

/// <summary>What <c>list</c> shows of a run. <paramref name="Status"/> is <c>concluded</c> or <c>unfinished</c>.</summary>
public sealed record RunListing(
    string RunId,
    string Scenario,
    int Seed,
    DateTimeOffset? Started,
    long Events,
    string Status,
    IReadOnlyList<Outcome> Outcomes,
    string? ParentRunId,
    int Round = 0)
{
    public bool Concluded => Status == RunListings.Concluded;
}

public sealed class StreamConcurrencyException(string runId, long expected, long actual)
    : Exception($"run {runId} is at version {actual}, not {expected}: another writer appended first; nothing of this batch was stored")
{
    public string RunId { get; } = runId;
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}
