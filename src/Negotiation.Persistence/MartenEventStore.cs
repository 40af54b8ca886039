using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;
using Npgsql;
using Weasel.Core;

namespace Negotiation.Persistence;

/// <summary>
/// The event store in PostgreSQL through Marten: one string-keyed stream per run, events under stable names,
/// and a <see cref="RunDocument"/> per run kept by an inline projection in the same transaction as the events.
/// </summary>
public sealed class MartenEventStore : Negotiation.Core.Storage.IEventStore, IAsyncDisposable
{
    public const string DefaultSchema = "negotiation";

    private readonly DocumentStore _store;

    private MartenEventStore(DocumentStore store) => _store = store;

    /// <summary>Connects (one line of error if it cannot) and creates the schema on first use.</summary>
    public static async Task<MartenEventStore> ConnectAsync(string connectionString, string schema = DefaultSchema, CancellationToken ct = default)
    {
        await EnsureReachableAsync(connectionString, ct);
        var store = DocumentStore.For(options => Configure(options, connectionString, schema));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenEventStore(store);
    }

    public static void Configure(StoreOptions options, string connectionString, string schema)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.Rich;
        options.UseSystemTextJsonForSerialization(new JsonSerializerOptions(EventJson.Options), EnumStorage.AsString, Casing.CamelCase);
        foreach (var (name, type) in EventTypes.Registered)
            options.Events.MapEventType(type, EventTypes.StorageName(name));
        options.Projections.Add<RunDocumentProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
    }

    public async Task<long> AppendAsync(string runId, long expectedVersion, IReadOnlyList<RunEvent> events, CancellationToken ct = default)
    {
        await using var session = _store.LightweightSession();
        if (expectedVersion == 0) session.Events.StartStream(runId, events.Cast<object>().ToArray());
        else session.Events.Append(runId, expectedVersion + events.Count, events.Cast<object>().ToArray());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException or EventStreamUnexpectedMaxEventIdException
                                      || e.InnerException is ConcurrencyException)
        {
            throw new StreamConcurrencyException(runId, expectedVersion, await VersionAsync(runId, ct));
        }
        return expectedVersion + events.Count;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long? untilVersion = null, CancellationToken ct = default)
    {
        await using var session = _store.QuerySession();
        var events = await session.Events.FetchStreamAsync(runId, untilVersion ?? 0, token: ct);
        return events.Select(e => new StoredEvent(e.Version, (RunEvent)e.Data, e.Timestamp)).ToList();
    }

    public async Task<IReadOnlyList<RunListing>> ListRunsAsync(CancellationToken ct = default)
    {
        await using var session = _store.QuerySession();
        var runs = await session.Query<RunDocument>().ToListAsync(ct);
        return runs.Select(r => r.ToListing()).OrderBy(l => l.Started).ThenBy(l => l.RunId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Rebuilds every run's document from its events alone.</summary>
    public async Task RebuildListingsAsync(CancellationToken ct = default)
    {
        await using var session = _store.QuerySession();
        var firsts = await session.Events.QueryAllRawEvents().Where(e => e.Version == 1).ToListAsync(ct);
        foreach (var id in firsts.Select(e => e.StreamKey!)) await _store.Advanced.RebuildSingleStreamAsync<RunDocument>(id, ct);
    }

    private async Task<long> VersionAsync(string runId, CancellationToken ct)
    {
        await using var session = _store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(runId, ct);
        return state?.Version ?? 0;
    }

    private static async Task EnsureReachableAsync(string connectionString, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"not a PostgreSQL connection string: {e.Message}", e);
        }

        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new DatabaseUnavailableException(builder.Host ?? "localhost", builder.Port, e.Message.Split('\n')[0].Trim());
        }
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
