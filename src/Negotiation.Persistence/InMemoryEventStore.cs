using Negotiation.Core.Events;
using Negotiation.Core.Storage;

namespace Negotiation.Persistence;

/// <summary>
/// The embedded default store: behaves as the Marten one does, down to keeping events as JSON, so what cannot
/// be stored in PostgreSQL cannot be stored here either.
/// </summary>
public sealed class InMemoryEventStore : IEventStore
{
    private readonly Dictionary<string, List<(string Type, string Json, DateTimeOffset At)>> _streams = [];
    private readonly Lock _gate = new();

    public Task<long> AppendAsync(string runId, long expectedVersion, IReadOnlyList<RunEvent> events, CancellationToken ct = default)
    {
        var serialized = events.Select(e => (EventTypes.NameOf(e), EventJson.Serialize(e), DateTimeOffset.UtcNow)).ToList();
        lock (_gate)
        {
            var actual = _streams.TryGetValue(runId, out var stream) ? stream.Count : 0;
            if (actual != expectedVersion) throw new StreamConcurrencyException(runId, expectedVersion, actual);
            if (stream is null) _streams[runId] = stream = [];
            stream.AddRange(serialized);
            return Task.FromResult((long)stream.Count);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long? untilVersion = null, CancellationToken ct = default)
    {
        List<(string Type, string Json, DateTimeOffset At)> copy;
        lock (_gate) copy = _streams.TryGetValue(runId, out var stream) ? [.. stream] : [];
        IReadOnlyList<StoredEvent> events = copy
            .Take((int)Math.Min(untilVersion ?? long.MaxValue, copy.Count))
            .Select((e, i) => new StoredEvent(i + 1, EventJson.Deserialize(e.Type, e.Json), e.At))
            .ToList();
        return Task.FromResult(events);
    }

    public async Task<IReadOnlyList<RunListing>> ListRunsAsync(CancellationToken ct = default)
    {
        string[] ids;
        lock (_gate) ids = [.. _streams.Keys];
        var listings = new List<RunListing>();
        foreach (var id in ids)
            if (RunListings.From(id, await ReadAsync(id, null, ct)) is { } listing) listings.Add(listing);
        return listings.OrderBy(l => l.Started).ThenBy(l => l.RunId, StringComparer.Ordinal).ToList();
    }
}
