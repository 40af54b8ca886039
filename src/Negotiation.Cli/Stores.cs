using Negotiation.Core.Storage;
using Negotiation.Persistence;

namespace Negotiation.Cli;

/// <summary>Where events go: Marten when --db or NEGOTIATION_DB names a database, memory otherwise.</summary>
internal sealed class Stores : IAsyncDisposable
{
    public const string EnvironmentVariable = "NEGOTIATION_DB";

    private MartenEventStore? _marten;

    private Stores(IEventStore store, MartenEventStore? marten)
    {
        Store = store;
        _marten = marten;
    }

    public IEventStore Store { get; }

    public bool IsDatabase => _marten is not null;

    public static string? ConnectionString(string? db) =>
        !string.IsNullOrWhiteSpace(db) ? db
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    public static async Task<Stores> OpenAsync(string? connectionString, CancellationToken ct)
    {
        if (connectionString is null) return new Stores(new InMemoryEventStore(), null);
        try
        {
            var marten = await MartenEventStore.ConnectAsync(connectionString, ct: ct);
            return new Stores(marten, marten);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException($"--db: {e.Message}");
        }
    }

    /// <summary>What a run is called in output: its id, or an event file's name without <c>.jsonl</c>.</summary>
    public static string RunName(string run) =>
        run.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(run) : run;

    /// <summary>A run's events from a <c>.jsonl</c> file, or from the database by run id.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadRunAsync(string run, string? connectionString, CancellationToken ct)
    {
        if (run.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || File.Exists(run))
        {
            if (!File.Exists(run)) throw new BadInputException($"{run}: no such file");
            try
            {
                var events = EventFile.Read(run);
                if (events.Count == 0) throw new BadInputException($"{run}: the file holds no events");
                return events;
            }
            catch (InvalidDataException e)
            {
                throw new BadInputException(e.Message);
            }
        }
        if (connectionString is null)
            throw new BadInputException($"`{run}` is not a .jsonl file, and no database is given (--db or {EnvironmentVariable}) to find a run by id");
        await using var stores = await OpenAsync(connectionString, ct);
        var stored = await stores.Store.ReadAsync(run, null, ct);
        return stored.Count > 0 ? stored : throw new BadInputException($"no run `{run}` in the database");
    }

    public async ValueTask DisposeAsync()
    {
        if (_marten is not null) await _marten.DisposeAsync();
        _marten = null;
    }
}
