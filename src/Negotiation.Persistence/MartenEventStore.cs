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

    /// <summary>
    /// Connects (one line of error if it cannot) and creates the schema on first use. Many processes may start
    /// at once on a fresh database: they take turns under a PostgreSQL advisory lock, so the first creates the
    /// schema and the others find it there.
    /// </summary>
    public static async Task<MartenEventStore> ConnectAsync(string connectionString, string schema = DefaultSchema, CancellationToken ct = default)
    {
        var builder = await EnsureReachableAsync(connectionString, ct);
        var store = DocumentStore.For(options => Configure(options, connectionString, schema));
        try
        {
            // A transaction-scoped lock: released when the transaction ends, whatever happens, never left held
            // by a pooled connection. The schema is applied on Marten's own connections meanwhile.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@key))", connection, transaction) { CommandTimeout = 300 })
            {
                lockCommand.Parameters.AddWithValue("key", $"negotiation-schema:{schema}");
                await lockCommand.ExecuteNonQueryAsync(ct);
            }
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (InsufficientPrivilege(e) is { } denied)
        {
            store.Dispose();
            throw new DatabaseRightsException(builder.Username ?? "(this role)", builder.Database ?? "(default)", schema, denied.MessageText);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException || e.InnerException is NpgsqlException)
        {
            store.Dispose();
            throw new DatabaseUnavailableException(builder.Host ?? "localhost", builder.Port, e.Message.Split('\n')[0].Trim());
        }
        return new MartenEventStore(store);
    }

    /// <summary>
    /// The SQL that creates everything the store needs, for an administrator to run; with <paramref name="role"/>,
    /// also the rights that role needs to use the store (before, the script granted nothing, and the limited role
    /// still failed after an administrator had run it).
    /// </summary>
    public static string SchemaScript(string schema = DefaultSchema, string? role = null)
    {
        using var store = DocumentStore.For(options => Configure(options, "Host=localhost", schema));
        var script = store.Storage.ToDatabaseScript();
        if (role is null) return script + $"\n-- Give the role that runs `negotiate` its rights: `negotiate db script --role ROLE` adds the GRANT lines.\n";
        var who = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return script + $"""

            -- The rights of the role that runs `negotiate`: it reads and appends events, and needs no CREATE right.
            GRANT USAGE ON SCHEMA {schema} TO {who};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {who};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {who};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} TO {who};

            """;
    }

    private static PostgresException? InsufficientPrivilege(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } denied) return denied;
        return null;
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

    /// <summary>
    /// Starts many new runs in one session and one round trip (a sweep's chunk): all are stored or none, and a
    /// run id that already exists fails the whole batch with <see cref="StreamConcurrencyException"/>.
    /// </summary>
    public async Task AppendNewRunsAsync(IReadOnlyList<(string RunId, IReadOnlyList<RunEvent> Events)> runs, CancellationToken ct = default)
    {
        if (runs.Count == 0) return;
        await using var session = _store.LightweightSession();
        foreach (var (runId, events) in runs) session.Events.StartStream(runId, events.Cast<object>().ToArray());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
                                      || e.InnerException is ConcurrencyException)
        {
            throw new StreamConcurrencyException(runs[0].RunId, 0, -1);
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long? untilVersion = null, CancellationToken ct = default)
    {
        await using var session = _store.QuerySession();
        var events = await session.Events.FetchStreamAsync(runId, untilVersion ?? 0, token: ct);
        return events.Select(e => new StoredEvent(e.Version, (RunEvent)e.Data, e.Timestamp)).ToList();
    }

    /// <summary>Many runs' events read in one round trip (a batched query): what a resumed sweep reads back.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<StoredEvent>>> ReadRunsAsync(IReadOnlyList<string> runIds, CancellationToken ct = default)
    {
        if (runIds.Count == 0) return [];
        await using var session = _store.QuerySession();
        var batch = session.CreateBatchQuery();
        var fetches = runIds.Select(id => batch.Events.FetchStream(id)).ToList();
        await batch.Execute(ct);
        var runs = new List<IReadOnlyList<StoredEvent>>(fetches.Count);
        foreach (var fetch in fetches)
            runs.Add((await fetch).Select(e => new StoredEvent(e.Version, (RunEvent)e.Data, e.Timestamp)).ToList());
        return runs;
    }

    public async Task<IReadOnlyList<RunListing>> ListRunsAsync(CancellationToken ct = default)
    {
        await using var session = _store.QuerySession();
        var runs = await session.Query<RunDocument>().ToListAsync(ct);
        var listings = new List<RunListing>();
        foreach (var run in runs)
        {
            // The document follows the events that shape a listing; an unfinished run is read whole, so that its
            // event count and round are what was really stored.
            var listing = run.ToListing();
            if (!listing.Concluded && RunListings.From(run.Id, await ReadAsync(run.Id, null, ct)) is { } read) listing = read with { Started = listing.Started };
            listings.Add(listing);
        }
        return listings.OrderBy(l => l.Started).ThenBy(l => l.RunId, StringComparer.Ordinal).ToList();
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

    private static async Task<NpgsqlConnectionStringBuilder> EnsureReachableAsync(string connectionString, CancellationToken ct)
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
        return builder;
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
