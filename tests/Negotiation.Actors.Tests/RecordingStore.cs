using Negotiation.Core.Events;
using Negotiation.Core.Storage;

namespace Negotiation.Actors.Tests;

/// <summary>A real store with a hook after each append and a count of reads (each party rebuild is one).</summary>
internal sealed class RecordingStore(IEventStore inner, Action<string, long>? afterAppend = null, TimeSpan? appendDelay = null) : IEventStore
{
    private int _reads;

    public int Reads => _reads;

    public async Task<long> AppendAsync(string runId, long expectedVersion, IReadOnlyList<RunEvent> events, CancellationToken ct = default)
    {
        if (appendDelay is { } delay) await Task.Delay(delay, ct);
        var version = await inner.AppendAsync(runId, expectedVersion, events, ct);
        afterAppend?.Invoke(runId, version);
        return version;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long? untilVersion = null, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(runId, untilVersion, ct);
    }

    public Task<IReadOnlyList<RunListing>> ListRunsAsync(CancellationToken ct = default) => inner.ListRunsAsync(ct);
}
