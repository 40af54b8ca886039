using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Negotiation.Actors;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Storage;

namespace Negotiation.Classroom;

public sealed record Seat(string Party, string Code)
{
    /// <summary>The student the roster gave this seat (issue 19), or null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Student { get; init; }
}

public sealed record Group(int Number, string RunId, IReadOnlyList<Seat> Seats);

/// <summary>A class session: one scenario played by several groups, each group an ordinary run with one seat per party a person plays.</summary>
/// <param name="Note">the comment block heading the scenario's file: the instructor's teaching note</param>
public sealed record ClassSession(string Id, Scenario Scenario, int Seed, IReadOnlyList<string> Humans, IReadOnlyList<Group> Groups, int? RoundSeconds = null, string? Note = null)
{
    /// <summary>When the session was opened.</summary>
    public DateTimeOffset Created { get; init; }
}

/// <summary>
/// The sessions a server holds, and the runs it plays for them: each group's run is started in the engine with
/// a <see cref="SeatActor"/> for each seat (the <see cref="SeatDesk"/> its host), and stored where `run` stores runs. Each
/// session is also written to a file of its own in <paramref name="folder"/> (its groups, runs and seat codes;
/// the scenario is in each run's first event), so a restarted server takes its sessions up where they were.
/// </summary>
/// <param name="clock">what expiry measures time by (<see cref="KeptAfterConclusion"/>)</param>
public sealed class ClassSessions(NegotiationEngine engine, IEventStore store, SeatDesk desk, string folder, TimeProvider? clock = null)
{
    /// <summary>
    /// How long a session whose groups have all concluded is kept in memory after the last one did: then it is freed
    /// with its seats and everything kept for its runs (issue 23: sessions were never freed). Its file and its runs
    /// stay where they are stored: the debrief of `negotiate report`, and a restart, still find them.
    /// </summary>
    public static readonly TimeSpan KeptAfterConclusion = TimeSpan.FromHours(12);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // The moves people sent are kept beside the session files until their round is stored (see SeatDesk).
    private readonly bool _keeping = KeepTaken(desk, folder);

    private static bool KeepTaken(SeatDesk desk, string folder)
    {
        desk.KeepTakenIn(Path.Combine(folder, "taken"));
        return true;
    }
    private readonly ConcurrentDictionary<string, DateTimeOffset> _concluded = new();

    private sealed record SessionFile(string Id, int Seed, IReadOnlyList<string> Humans, IReadOnlyList<Group> Groups, int? RoundSeconds, string? Note, DateTimeOffset? Created = null);

    private readonly ConcurrentDictionary<string, ClassSession> _sessions = new();
    private readonly ConcurrentDictionary<string, (ClassSession Session, Group Group, Seat Seat)> _seats = new();
    private readonly ConcurrentDictionary<string, Task> _runs = new();
    private readonly ConcurrentDictionary<string, (long Generation, long ReadAt, Lazy<Task<(IReadOnlyList<RunEvent> Events, RunState State)>> Read)> _read = new();
    private readonly ConcurrentDictionary<string, long> _generation = Watch(desk);

    // Every seat of a group reads its run on every change: one read per change serves them all, kept until the
    // run changes again (a seat asked, which follows every stored round), and at most a second, for a run nobody
    // waits in. Each change starts a new generation, so a read begun before it is never kept after it.
    private static ConcurrentDictionary<string, long> Watch(SeatDesk desk)
    {
        var generation = new ConcurrentDictionary<string, long>();
        desk.Changed += runId => generation.AddOrUpdate(runId, 1, (_, g) => g + 1);
        return generation;
    }

    /// <summary>The run's stored events and their fold, read again only when it has changed since.</summary>
    public Task<(IReadOnlyList<RunEvent> Events, RunState State)> ReadAsync(string runId, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var generation = _generation.GetValueOrDefault(runId);
        var before = _read.TryGetValue(runId, out var last) && last.Read.IsValueCreated && last.Read.Value.IsCompletedSuccessfully ? last.Read.Value.Result : default;
        var fresh = (generation, now, new Lazy<Task<(IReadOnlyList<RunEvent>, RunState)>>(() => ReadNowAsync(runId, before)));
        var kept = _read.AddOrUpdate(runId, fresh, (_, old) => Usable(old, generation, now) ? old : fresh);
        if (ReferenceEquals(kept.Read, fresh.Item3) && HasConcluded(runId)) KeepConcluded(runId);
        return kept.Read.Value.WaitAsync(ct);
    }

    /// <summary>How many concluded runs keep their last read (a class's groups, for its debrief): the rest are read again when someone looks (issue 23, the soak).</summary>
    public const int ConcludedReadsKept = 16;

    private readonly ConcurrentQueue<string> _concludedReads = new();

    // A concluded run changes no more, but a server that plays class after class for hours would keep every one of
    // them whole: only the most recently read are kept.
    private void KeepConcluded(string runId)
    {
        _concludedReads.Enqueue(runId);
        while (_concludedReads.Count > ConcludedReadsKept && _concludedReads.TryDequeue(out var oldest))
            if (!_concludedReads.Contains(oldest)) _read.TryRemove(oldest, out _);
    }

    // A read that failed, or found the run not yet started, is not kept.
    private static bool Usable((long Generation, long ReadAt, Lazy<Task<(IReadOnlyList<RunEvent> Events, RunState State)>> Read) kept, long generation, long now) =>
        kept.Generation == generation && now - kept.ReadAt < 1000 &&
        !(kept.Read.IsValueCreated && (kept.Read.Value.IsFaulted || kept.Read.Value.IsCanceled || kept.Read.Value is { IsCompletedSuccessfully: true, Result.Events.Count: 0 }));

    // A run only grows: the fold of the events read before goes on from where it was.
    private async Task<(IReadOnlyList<RunEvent> Events, RunState State)> ReadNowAsync(string runId, (IReadOnlyList<RunEvent>? Events, RunState? State) before)
    {
        var events = (await store.ReadAsync(runId, null, CancellationToken.None)).Select(e => e.Event).ToList();
        var state = before is ({ } kept, { } folded) && kept.Count > 0 && kept.Count <= events.Count
            ? events.Skip(kept.Count).Aggregate(folded, Evolution.Evolve)
            : Evolution.Fold(events);
        return (events, state);
    }

    public IEventStore Store => store;

    public SeatDesk Desk => desk;

    public ClassSession Open(Scenario scenario, int groups, IReadOnlyList<string> humans, int seed, int? roundSeconds = null, string? note = null)
    {
        Expire();
        var id = $"{scenario.Name}-class-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
        var session = new ClassSession(id, scenario, seed, humans, Enumerable.Range(1, groups).Select(g => new Group(
            g, $"{id}-g{g}", humans.Select(p => new Seat(p, Code())).ToList())).ToList(), roundSeconds, note) { Created = _clock.GetUtcNow() };
        Save(session);
        Hold(session);
        foreach (var group in session.Groups)
            Track(group.RunId, engine.RunAsync(group.RunId, scenario, seed, CancellationToken.None, humans));
        return session;
    }

    /// <summary>Takes up the sessions of the folder: their unfinished runs go on from their last stored round.</summary>
    public async Task<int> RestoreAsync(CancellationToken ct)
    {
        if (!Directory.Exists(folder)) return 0;
        var restored = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order())
        {
            var file = JsonSerializer.Deserialize<SessionFile>(await File.ReadAllTextAsync(path, ct), ClassServer.Json);
            if (file is null || file.Groups.Count == 0) continue;
            var events = (await store.ReadAsync(file.Groups[0].RunId, null, ct)).Select(e => e.Event).ToList();
            if (events.FirstOrDefault() is not NegotiationOpened opened) continue;
            var session = new ClassSession(file.Id, opened.Scenario, file.Seed, file.Humans, file.Groups, file.RoundSeconds, file.Note)
            {
                Created = file.Created ?? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero),
            };
            Hold(session);
            foreach (var group in session.Groups)
            {
                var stored = await store.ReadAsync(group.RunId, null, ct);
                // A damaged run is not gone on from: its group shows why, as a failed group does.
                var problems = stored.Count == 0 ? [] : Scenarios.StoredRunCheck.Problems(stored, group.RunId);
                Track(group.RunId, problems.Count > 0
                    ? Task.FromException(new InvalidDataException(problems[0]))
                    : stored.Count == 0
                        ? engine.RunAsync(group.RunId, session.Scenario, session.Seed, CancellationToken.None, session.Humans)
                        : stored[^1].Event is RunConcluded ? Task.CompletedTask : engine.ContinueAsync(group.RunId, CancellationToken.None, played: true));
            }
            restored++;
        }
        return restored;
    }

    // A run that ends asks no seat again: the desk tells its listeners, so nothing shows it running a moment longer.
    // A run stopped by its store (a database that went away) is taken up again from its last stored round once the
    // store answers (issue 23: after an outage of 10 s every group of a class stayed failed until a restart).
    private void Track(string runId, Task run)
    {
        // Only how the run ended is kept, not its result: a finished run's whole event list stays with the store.
        run = Ended(run);
        _runs[runId] = run;
        run.ContinueWith(finished =>
        {
            if (finished.IsCompletedSuccessfully)
            {
                _concluded[runId] = _clock.GetUtcNow();
                if (_read.ContainsKey(runId)) KeepConcluded(runId);
            }
            desk.Ended(runId, concluded: finished.IsCompletedSuccessfully);
            if (finished.IsFaulted && IsStoreFailure(finished.Exception)) _ = TakeUpAsync(runId);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private static async Task Ended(Task run) => await run;

    /// <summary>How long a run stopped by its store waits before it is taken up again: doubling, at most a maximum.</summary>
    public static (TimeSpan First, TimeSpan Most) Retry { get; } = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private async Task TakeUpAsync(string runId)
    {
        for (var wait = Retry.First; ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, Retry.Most.Ticks)))
        {
            await Task.Delay(wait);
            try
            {
                var stored = await store.ReadAsync(runId, null, CancellationToken.None);
                if (stored.Count > 0 && stored[^1].Event is RunConcluded) return;
                Track(runId, engine.ContinueAsync(runId, CancellationToken.None, played: true));
                return;
            }
            catch (Exception e) when (IsStoreFailure(e))
            {
                // Still away: wait longer.
            }
        }
    }

    // A failure of the store (the database unreachable, a timeout, the disk), not of the run itself: worth a retry.
    private static bool IsStoreFailure(Exception? failure)
    {
        // The database or the network to it, anywhere in the chain (DatabaseFailures walks it); then the store's own failures.
        if (Persistence.DatabaseFailures.IsDatabaseFailure(failure)) return true;
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is Persistence.DatabaseUnavailableException or IOException) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStoreFailure)) return true;
            if (e is RunFailedException { Failed.Cause: { } cause }) return IsStoreFailure(cause);
        }
        return false;
    }

    private void Hold(ClassSession session)
    {
        _sessions[session.Id] = session;
        foreach (var group in session.Groups)
            if (session.RoundSeconds is { } seconds) desk.Time(group.RunId, TimeSpan.FromSeconds(seconds));
            else desk.Untime(group.RunId);
        foreach (var group in session.Groups)
            foreach (var seat in group.Seats) _seats[seat.Code] = (session, group, seat);
    }

    // Written whole to a temporary file, then renamed over: a crash leaves the old file or the new one.
    private void Save(ClassSession session)
    {
        Persistence.PrivateFiles.CreateFolder(folder);
        var path = Path.Combine(folder, $"{session.Id}.json");
        var temporary = path + ".tmp";
        // Seat codes are inside: readable by the server's own user only.
        Persistence.PrivateFiles.WriteAllText(temporary, JsonSerializer.Serialize(new SessionFile(session.Id, session.Seed, session.Humans, session.Groups, session.RoundSeconds, session.Note, session.Created), ClassServer.Json));
        File.Move(temporary, path, overwrite: true);
    }

    public ClassSession? Session(string id) => _sessions.GetValueOrDefault(id);

    /// <summary>
    /// The seat as its actor holds it now; for a run no actor plays (concluded, failed, or not yet taken up), the seat
    /// as the stored run leaves it, asked nothing. Null while the group's run has stored nothing yet.
    /// </summary>
    public async Task<SeatSnapshot?> SeatAsync(Group group, Seat seat, CancellationToken ct)
    {
        if (await engine.AskSeatAsync(group.RunId, seat.Party, ViewSeat.Instance, ct) is SeatSnapshot held) return held;
        var (events, state) = await ReadAsync(group.RunId, ct);
        return events.Count == 0 ? null : new SeatSnapshot(group.RunId, seat.Party, events.Count, events, state, null, false, null, desk.IsPaused(group.RunId));
    }

    /// <summary>A person's moves for the round their seat is asked in: the seat's verdict (not asked, when no actor owns it now).</summary>
    public async Task<MovesTaken> TakeAsync(Group group, Seat seat, int round, IReadOnlyList<Move> moves, CancellationToken ct) =>
        await engine.AskSeatAsync(group.RunId, seat.Party, new TakeMoves(round, moves), ct) as MovesTaken ?? new MovesTaken(new MovesRefused.NotAsked());

    /// <summary>The policy moves for every seat of the group still asked (the instructor's advance): the parties it moved for.</summary>
    public async Task<IReadOnlyList<string>> AdvanceAsync(ClassSession session, Group group, CancellationToken ct)
    {
        var advanced = new List<string>();
        foreach (var seat in group.Seats)
            if (await engine.AskSeatAsync(group.RunId, seat.Party, new AdvanceSeat("the instructor advanced the round"), ct) is SeatAdvanced { Advanced: true })
                advanced.Add(seat.Party);
        return advanced;
    }

    /// <summary>Pauses (or resumes) every group of the session: its seats hold their time and their moves until the resume.</summary>
    public void Pause(ClassSession session, bool pause)
    {
        foreach (var group in session.Groups)
        {
            desk.SetPaused(group.RunId, pause);
            foreach (var seat in group.Seats) engine.TellSeat(group.RunId, seat.Party, pause ? PauseSeat.Instance : ResumeSeat.Instance);
        }
    }

    /// <summary>Whether the session is paused.</summary>
    public bool IsPaused(ClassSession session) => session.Groups.Any(g => desk.IsPaused(g.RunId));

    /// <summary>
    /// A roster (issue 19): the students' names given to the seats in group then seat order, as the seat list and
    /// the cards give them; the seats past the last name keep none. Kept in the session's file. Null for an unknown
    /// session; an error when there are more names than seats or a name is not a plain text.
    /// </summary>
    public (ClassSession? Session, string? Problem) SetRoster(string id, IReadOnlyList<string> names)
    {
        if (Session(id) is not { } session) return (null, null);
        var seats = session.Groups.Sum(g => g.Seats.Count);
        if (names.Count > seats) return (session, $"{names.Count} names for {seats} seats");
        if (names.Select((n, i) => (Number: i + 1, Problem: Core.Engine.Texts.Problem(n, 200))).FirstOrDefault(x => x.Problem is not null) is { Problem: { } problem } bad)
            return (session, $"name {bad.Number} {problem}");
        var next = 0;
        var changed = session with
        {
            Groups = [.. session.Groups.Select(g => g with { Seats = [.. g.Seats.Select(s => s with { Student = next < names.Count ? names[next++].Trim() : null })] })],
        };
        Hold(changed);
        Save(changed);
        return (changed, null);
    }

    /// <summary>
    /// Changes the round time of a session under way (issue 19), or takes the timer away (null): every seat asked from
    /// now on gets the new time; a seat already asked keeps the time it was given, as its page shows it. Kept in the
    /// session's file across restarts.
    /// </summary>
    public ClassSession? SetRoundTime(string id, int? seconds)
    {
        if (Session(id) is not { } session) return null;
        var changed = session with { RoundSeconds = seconds };
        Hold(changed);
        Save(changed);
        return changed;
    }

    /// <summary>Whether the group's run has concluded, as far as this server has noted.</summary>
    public bool HasConcluded(string runId) => _concluded.ContainsKey(runId);

    /// <summary>The sessions held, newest first.</summary>
    public IReadOnlyList<ClassSession> All => _sessions.Values.OrderByDescending(s => s.Created).ThenByDescending(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>The sessions held in memory now.</summary>
    public int Count => _sessions.Count;

    /// <summary>
    /// Frees every session whose groups all concluded more than <see cref="KeptAfterConclusion"/> ago: its seats,
    /// its runs' kept reads, and what the desk holds for them. Done whenever a session opens. Returns how many.
    /// </summary>
    public int Expire()
    {
        var now = _clock.GetUtcNow();
        var freed = 0;
        foreach (var session in _sessions.Values)
        {
            var ended = session.Groups.Select(g => _concluded.TryGetValue(g.RunId, out var at) ? at : (DateTimeOffset?)null).ToList();
            if (ended.Any(e => e is null) || now - ended.Max()!.Value < KeptAfterConclusion) continue;
            if (!_sessions.TryRemove(session.Id, out _)) continue;
            foreach (var group in session.Groups)
            {
                foreach (var seat in group.Seats) _seats.TryRemove(seat.Code, out _);
                _runs.TryRemove(group.RunId, out _);
                _read.TryRemove(group.RunId, out _);
                _generation.TryRemove(group.RunId, out _);
                _concluded.TryRemove(group.RunId, out _);
                desk.Forget(group.RunId);
            }
            freed++;
        }
        return freed;
    }

    /// <summary>A world event announced in a group's run: the round it takes effect, or why it was refused.</summary>
    public async Task<(int? Round, string? Refused)> AnnounceAsync(Group group, WorldEvent world, CancellationToken ct)
    {
        var answer = await engine.AnnounceAsync(group.RunId, world, ct);
        if (answer.Stored is not WorldAnnounced stored) return (null, answer.Refused);
        desk.Stored(group.RunId);
        return (stored.World.Round, null);
    }

    public (ClassSession Session, Group Group, Seat Seat)? SeatOf(string code) =>
        _seats.TryGetValue(code, out var seat) ? seat : null;

    /// <summary>Why a group's run stopped, when it failed rather than concluded.</summary>
    public string? Failure(string runId) =>
        _runs.TryGetValue(runId, out var run) && run.IsFaulted ? run.Exception!.GetBaseException().Message : null;

    // 128 bits from the system's cryptographic generator: a seat code cannot be guessed.
    private static string Code() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
