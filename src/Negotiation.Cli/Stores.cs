using Negotiation.Core.Storage;
using Negotiation.Persistence;

namespace Negotiation.Cli;

/// <summary>
/// Where events go: Marten when --db or NEGOTIATION_DB names a database; otherwise the local run store (a
/// folder, <c>.negotiation/runs</c> unless NEGOTIATION_RUNS names another); memory only with --in-memory.
/// </summary>
internal sealed class Stores : IAsyncDisposable
{
    public const string EnvironmentVariable = "NEGOTIATION_DB";

    private MartenEventStore? _marten;
    private readonly string? _connectionString;

    private Stores(IEventStore store, MartenEventStore? marten, string where, string? connectionString = null)
    {
        Store = store;
        _marten = marten;
        Where = where;
        _connectionString = connectionString;
    }

    public IEventStore Store { get; }

    public bool IsDatabase => _marten is not null;

    /// <summary>Where the runs are, for messages: "the database", "the local run store in …", "memory".</summary>
    public string Where { get; }

    public static string? ConnectionString(string? db) =>
        !string.IsNullOrWhiteSpace(db) ? db
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    public static async Task<Stores> OpenAsync(string? connectionString, CancellationToken ct, bool inMemory = false)
    {
        if (connectionString is not null && inMemory) throw new BadInputException("--in-memory and --db (or NEGOTIATION_DB): give one or the other");
        if (inMemory) return new Stores(new InMemoryEventStore(), null, "memory");
        if (connectionString is null) return Local();
        try
        {
            var marten = await MartenEventStore.ConnectAsync(connectionString, ct: ct);
            return new Stores(marten, marten, "the database", connectionString);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException($"--db: {e.Message}");
        }
    }

    private static Stores Local()
    {
        var folder = LocalRunStore.DefaultFolder();
        try
        {
            return new Stores(new LocalRunStore(folder), null, $"the local run store in {folder}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot keep runs in {folder}: {e.Message} (set {LocalRunStore.EnvironmentVariable} to another folder, or use --in-memory)");
        }
    }

    /// <summary>What a run is called in output: its id, or an event file's name without <c>.jsonl</c>.</summary>
    public static string RunName(string run) =>
        run.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(run) : run;

    public static bool IsEventFile(string run) => run.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || File.Exists(run);

    /// <summary>A run's events from a <c>.jsonl</c> file, or by run id from the database or the local run store.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadRunAsync(string run, string? connectionString, CancellationToken ct)
    {
        if (IsEventFile(run))
        {
            if (!File.Exists(run)) throw new BadInputException($"{run}: no such file");
            try
            {
                var events = EventFile.Read(run);
                if (events.Count == 0) throw new BadInputException($"{run}: the file holds no events");
                return Checked(events, run);
            }
            catch (InvalidDataException e)
            {
                throw new BadInputException(e.Message);
            }
        }
        if (connectionString is null && !LocalRunStore.IsValidRunId(run))
            throw new BadInputException($"`{run}` is neither a .jsonl file nor a run id (letters, digits, '.', '_' and '-')");
        await using var stores = await OpenAsync(connectionString, ct);
        try
        {
            var stored = await stores.Store.ReadAsync(run, null, ct);
            return stored.Count > 0
                ? Checked(stored, run)
                : throw new BadInputException($"no run `{run}` in {stores.Where}" +
                                              (stores.IsDatabase ? "" : $" (a run kept in a database needs --db or {EnvironmentVariable}; `negotiate list` shows the runs here)"));
        }
        catch (InvalidDataException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    /// <summary>
    /// Runs the engine on a run kept in the database; if the database is lost mid-run, the failure becomes one
    /// line: where it was, how many events of the run are kept (read back when the database answers again),
    /// and the command that finishes the run.
    /// </summary>
    public async Task<T> GuardAsync<T>(string runId, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (Actors.RunFailedException e) when (_connectionString is not null && DatabaseFailures.IsDatabaseFailure(e.Failed.Cause))
        {
            // The run counts the appends the database acknowledged; one it committed whose answer was lost is not
            // counted (issue 23: "2,296 kept" where it held 2,309). Read back, the count is exact; if the database
            // is still away, the run's own count is a floor, and said to be one.
            long? exact = null;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                exact = (await Store.ReadAsync(runId, null, timeout.Token)).Count;
            }
            catch (Exception)
            {
                // Still down.
            }
            var kept = exact ?? e.Failed.EventsKept;
            var what = kept == 0 && exact is not null
                ? $"nothing of run {runId} was stored; run it again once the database is back"
                : kept == 0
                    ? $"run {runId} may have nothing stored: `negotiate list` shows it once the database is back, and `negotiate resume {runId}` finishes it if it is there"
                    : $"{(exact is null ? "at least " : "")}{kept} events of run {runId} are kept, and `negotiate resume {runId}` finishes it once the database is back";
            throw DatabaseFailures.Unavailable(_connectionString, $"lost mid-run: {DatabaseFailures.FirstLine(e.Failed.Cause!)}; {what}");
        }
    }

    /// <summary>A stored run is outside input: every problem in it is bad input naming the event's line.</summary>
    public static IReadOnlyList<StoredEvent> Checked(IReadOnlyList<StoredEvent> events, string source)
    {
        var problems = Scenarios.StoredRunCheck.Problems(events, source);
        return problems.Count == 0 ? events : throw new BadInputException(string.Join(Environment.NewLine, problems));
    }

    public async ValueTask DisposeAsync()
    {
        if (_marten is not null) await _marten.DisposeAsync();
        _marten = null;
    }
}
