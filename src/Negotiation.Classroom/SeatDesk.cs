using System.Collections.Concurrent;
using Negotiation.Actors;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Classroom;

/// <summary>
/// Where the runs of a class session wait for people: the party actor of a seat a person plays asks here, and
/// the wait ends when that person's moves arrive through the API, or when the instructor advances the round
/// and the policy moves for them. While the session is paused, moves are taken but no wait ends.
/// </summary>
public sealed class SeatDesk(TimeProvider? clock = null) : IMoveSource
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(string RunId, string Party), Waiting> _waiting = new();
    private readonly ConcurrentDictionary<string, bool> _paused = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedAt = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _timers = new();

    private string? _taken;

    /// <summary>
    /// Where the moves a person sent are kept the moment they are taken (202), until their round is stored: a server
    /// killed in between asks nobody again for them when it is back (issue 18: students were asked again).
    /// </summary>
    public void KeepTakenIn(string folder) => _taken = folder;

    private string TakenPath(string runId, string party, int round, string kind) =>
        Path.Combine(_taken!, $"{Uri.EscapeDataString(runId)}.{Uri.EscapeDataString(party)}.{round}.{kind}.json");

    private static string KindOf(Waiting waiting) => waiting is Waiting.ForAnswer ? "answer" : "moves";

    private void Keep(string runId, string party, Waiting waiting, IReadOnlyList<Move> moves)
    {
        if (_taken is null) return;
        try
        {
            Negotiation.Persistence.PrivateFiles.CreateFolder(_taken);
            var path = TakenPath(runId, party, waiting.Round, KindOf(waiting));
            Negotiation.Persistence.PrivateFiles.WriteAllText(path + ".tmp", System.Text.Json.JsonSerializer.Serialize(moves.Select(MoveJson.Write).ToList(), ClassServer.Json));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (IOException)
        {
            // The moves stand in memory: only their surviving a restart is lost.
        }
    }

    // Moves kept for the round the seat is asked now are taken at once, if the rules still take them; older ones go.
    private void TakeKept(string runId, string party, Waiting waiting, RunState view)
    {
        if (_taken is null || !Directory.Exists(_taken)) return;
        var prefix = $"{Uri.EscapeDataString(runId)}.{Uri.EscapeDataString(party)}.";
        foreach (var old in Directory.EnumerateFiles(_taken, prefix + "*.json"))
            if (int.TryParse(Path.GetFileName(old)[prefix.Length..].Split('.')[0], out var round) && round < waiting.Round) File.Delete(old);
        var path = TakenPath(runId, party, waiting.Round, KindOf(waiting));
        if (!File.Exists(path)) return;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            var moves = document.RootElement.EnumerateArray().Select(m => MoveJson.Read(m, party, party == view.AgencyId)).ToList();
            if (MoveCheck.CheckRoundAsSeenBy(view, moves).Count == 0) Take(runId, party, waiting, moves, keep: false);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or MoveFormatException or IOException)
        {
            // A file that cannot be read back: the person is asked again.
        }
    }

    private void DropKept(string runId)
    {
        if (_taken is null || !Directory.Exists(_taken)) return;
        foreach (var file in Directory.EnumerateFiles(_taken, $"{Uri.EscapeDataString(runId)}.*.json")) File.Delete(file);
    }

    /// <summary>A round timer for the run: a seat that has not moved when it runs out gets the policy's moves.</summary>
    public void Time(string runId, TimeSpan perRound) => _timers[runId] = perRound;

    /// <summary>No round timer for the run from now on: a seat already asked keeps the time it was given.</summary>
    public void Untime(string runId) => _timers.TryRemove(runId, out _);

    public bool WaitsForPerson => true;

    private readonly ConcurrentDictionary<(string RunId, string Party), TaskCompletionSource> _changes = new();

    /// <summary>
    /// Raised with the run id when the stored run has changed: once per stored round (when its first seat is asked),
    /// after an announcement is stored, and when the run ends.
    /// </summary>
    public event Action<string>? Changed;

    /// <summary>
    /// Completes when the seat is next asked, when the policy's moves are released for it, or when the run ends:
    /// what its live pushes wait on. A seat's view changes only then (a stored round is always followed by its
    /// seats being asked), or when the seat's own moves are taken, which the sending page learns from the answer.
    /// </summary>
    public Task NextChange(string runId, string party) =>
        _changes.GetOrAdd((runId, party), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _runChanges = new();

    /// <summary>Completes when any seat of the run is next asked or answered: what the projector's live pushes wait on.</summary>
    public Task NextChange(string runId) =>
        _runChanges.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private readonly ConcurrentDictionary<string, int> _heard = new();

    // A seat asked follows a stored round: listeners hear of it (and drop what they kept of the run) before the
    // question is put where a request can see it, so that whoever sees the question reads the run again; once per
    // stored round however many seats it asks.
    private void Asking(string runId, RunState asked)
    {
        if (_heard.GetValueOrDefault(runId, -1) == asked.EventCount) return;
        _heard[runId] = asked.EventCount;
        Changed?.Invoke(runId);
    }

    // Moves taken change only the seat's own waiting, not the stored run; the person who sent them has the answer
    // to the sending already, so their streams are not woken for it (they see it at their next check), while the
    // projector's are.
    private void Signal(string runId, string party, bool wakeSeat = true)
    {
        if (wakeSeat && _changes.TryRemove((runId, party), out var change)) change.TrySetResult();
        if (_runChanges.TryRemove(runId, out var any)) any.TrySetResult();
    }

    /// <summary>Something was stored in the run between rounds (a world event announced): its listeners read it again.</summary>
    public void Stored(string runId)
    {
        Changed?.Invoke(runId);
        if (_runChanges.TryRemove(runId, out var any)) any.TrySetResult();
    }

    /// <summary>The run has ended (concluded or failed): whatever listens to it hears so, as after a stored round.</summary>
    /// <param name="concluded">the run reached its end (not a failure it may be taken up again after): what was kept of its moves goes</param>
    public void Ended(string runId, bool concluded = false)
    {
        if (concluded) DropKept(runId);
        Changed?.Invoke(runId);
        foreach (var key in _changes.Keys.Where(k => k.RunId == runId).ToList())
            if (_changes.TryRemove(key, out var change)) change.TrySetResult();
        if (_runChanges.TryRemove(runId, out var any)) any.TrySetResult();
    }

    public Task<IReadOnlyList<Move>> ChooseAsync(RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct) =>
        throw new InvalidOperationException("a class session's seats are asked with their run's id");

    public Task<Move> AnswerAsync(Question question, CancellationToken ct) =>
        throw new InvalidOperationException("a class session's seats are asked with their run's id");

    public Task<IReadOnlyList<Move>> ChooseAsync(string runId, RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct)
    {
        var waiting = new Waiting.ForMoves(view, party, view.Round) { Until = Until(runId) };
        Asking(runId, view);
        _waiting[(runId, party)] = waiting;
        TakeKept(runId, party, waiting, view);
        Signal(runId, party);
        return waiting.Moves.Task;
    }

    public Task<Move> AnswerAsync(string runId, Question question, CancellationToken ct)
    {
        var waiting = new Waiting.ForAnswer(question, question.Party, question.View.Round) { Until = Until(runId) };
        Asking(runId, question.View);
        _waiting[(runId, question.Party)] = waiting;
        TakeKept(runId, question.Party, waiting, question.View);
        Signal(runId, question.Party);
        return waiting.Answer.Task;
    }

    private readonly ConcurrentDictionary<(string RunId, string Party, int Round), string> _stoodIn = new();

    /// <summary>Why the policy moved for the seat this round, when it did: the run records it with the round.</summary>
    public string? StoodIn(string runId, string party, int round) => _stoodIn.TryRemove((runId, party, round), out var reason) ? reason : null;

    /// <summary>What the seat is asked now, if anything.</summary>
    public Waiting? WaitingFor(string runId, string party) => _waiting.GetValueOrDefault((runId, party));

    // The last round each seat sent its moves or answer for: what its page says until the round is stored.
    private readonly ConcurrentDictionary<(string RunId, string Party), int> _moved = new();

    /// <summary>The last round the seat moved in (its own moves, or the policy's for it), whether or not it is stored yet.</summary>
    public int? MovedIn(string runId, string party) => _moved.TryGetValue((runId, party), out var round) ? round : null;

    public IReadOnlyList<string> WaitingIn(string runId) =>
        _waiting.Where(w => w.Key.RunId == runId && !w.Value.Taken).Select(w => w.Key.Party).Order().ToList();

    public bool IsPaused(string runId) => _paused.GetValueOrDefault(runId);

    /// <summary>Takes a seat's moves (already checked); they are released at once unless the run is paused.</summary>
    public bool Take(string runId, string party, Waiting waiting, IReadOnlyList<Move> moves) => Take(runId, party, waiting, moves, keep: true);

    private bool Take(string runId, string party, Waiting waiting, IReadOnlyList<Move> moves, bool keep)
    {
        if (!_waiting.TryGetValue((runId, party), out var current) || !ReferenceEquals(current, waiting) || !waiting.Hold(moves)) return false;
        if (keep) Keep(runId, party, waiting, moves);
        if (!IsPaused(runId)) Release(runId, party, waiting, bySeat: true);
        return true;
    }

    /// <summary>The policy moves for every seat of the run still waiting, recorded as the policy's.</summary>
    public IReadOnlyList<string> Advance(string runId)
    {
        var advanced = new List<string>();
        foreach (var ((run, party), waiting) in _waiting.Where(w => w.Key.RunId == runId).ToList())
            if (Advance(run, party, waiting, "the instructor advanced the round")) advanced.Add(party);
        return advanced;
    }

    private bool Advance(string runId, string party, Waiting waiting, string reason)
    {
        // The person's own moves, when they arrived first, stand: only moves the policy made are recorded as such.
        var held = !waiting.Taken && waiting.Hold(waiting switch
        {
            Waiting.ForMoves m => Policy.MovesOf(m.View, party),
            Waiting.ForAnswer a => [Policy.Answer(a.Question)],
            _ => throw new InvalidOperationException(),
        });
        if (held) _stoodIn[(runId, party, waiting.Round)] = reason;
        if (!IsPaused(runId)) Release(runId, party, waiting);
        return held;
    }

    // While paused, a round's time does not run: a seat asked then has its whole time from the resume.
    private DateTimeOffset? Until(string runId) => RoundTime(runId) is { } perRound ? RoundClock(runId) + perRound : null;

    // The run's round clock: it stands at the moment of the pause while the session is paused.
    private DateTimeOffset RoundClock(string runId) => IsPaused(runId) ? _pausedAt[runId] : _clock.GetUtcNow();

    public TimeSpan? RoundTime(string runId) => _timers.TryGetValue(runId, out var perRound) ? perRound : null;

    // The party actor keeps the time: when it is up, the policy moves for the seat if it is still asked in that
    // round, as the instructor's advance would. A pause stops the clock: while paused, or when a pause has moved the
    // seat's time on, what is left is given back and the actor's timer runs again for it.
    public TimeSpan? TimeUp(string runId, string party, int round)
    {
        if (!_waiting.TryGetValue((runId, party), out var waiting) || waiting.Round != round || waiting.Taken) return null;
        var now = RoundClock(runId);
        if (waiting.Until is { } until && until > now) return until - now;
        Advance(runId, party, waiting, "the round's time ran out");
        return null;
    }

    /// <summary>Lets go of everything held for a run that is over and whose session is freed.</summary>
    public void Forget(string runId)
    {
        DropKept(runId);
        foreach (var key in _waiting.Keys.Where(k => k.RunId == runId).ToList()) _waiting.TryRemove(key, out _);
        foreach (var key in _changes.Keys.Where(k => k.RunId == runId).ToList()) _changes.TryRemove(key, out _);
        foreach (var key in _stoodIn.Keys.Where(k => k.RunId == runId).ToList()) _stoodIn.TryRemove(key, out _);
        _runChanges.TryRemove(runId, out _);
        _heard.TryRemove(runId, out _);
        _paused.TryRemove(runId, out _);
        _pausedAt.TryRemove(runId, out _);
        _timers.TryRemove(runId, out _);
        foreach (var key in _moved.Keys.Where(k => k.RunId == runId).ToList()) _moved.TryRemove(key, out _);
    }

    /// <summary>How many runs the desk holds anything for: what a freed session must leave at nothing.</summary>
    public int RunsHeld =>
        _waiting.Keys.Select(k => k.RunId).Concat(_changes.Keys.Select(k => k.RunId)).Concat(_runChanges.Keys).Concat(_heard.Keys)
            .Concat(_timers.Keys).Concat(_paused.Keys).Concat(_moved.Keys.Select(k => k.RunId)).Distinct().Count();

    public void Pause(string runId)
    {
        if (IsPaused(runId)) return;
        _pausedAt[runId] = _clock.GetUtcNow();
        _paused[runId] = true;
    }

    public void Resume(string runId)
    {
        if (!IsPaused(runId)) return;
        // The time the session stood still is given back to every seat still asked.
        var stood = _clock.GetUtcNow() - _pausedAt[runId];
        foreach (var ((run, _), waiting) in _waiting.Where(w => w.Key.RunId == runId && w.Value.Until is not null))
            waiting.Until += stood;
        _paused[runId] = false;
        foreach (var ((run, party), waiting) in _waiting.Where(w => w.Key.RunId == runId && w.Value.Taken).ToList())
            Release(run, party, waiting);
    }

    private void Release(string runId, string party, Waiting waiting, bool bySeat = false)
    {
        if (!_waiting.TryRemove(new KeyValuePair<(string, string), Waiting>((runId, party), waiting))) return;
        _moved[(runId, party)] = waiting.Round;
        waiting.Release();
        Signal(runId, party, wakeSeat: !bySeat);
    }
}

/// <summary>A seat's open question: its moves for a round, or its answer to a threat or a designation.</summary>
public abstract class Waiting
{
    private IReadOnlyList<Move>? _held;

    private Waiting(string party, int round)
    {
        Party = party;
        Round = round;
    }

    public string Party { get; }

    /// <summary>The round the seat is asked to move in.</summary>
    public int Round { get; }

    public bool Taken => _held is not null;

    /// <summary>When the round timer runs out for this seat, if the session has one; a pause moves it on.</summary>
    public DateTimeOffset? Until { get; internal set; }

    /// <summary>Keeps the moves unless others were kept first; says whether these were.</summary>
    internal bool Hold(IReadOnlyList<Move> moves) => Interlocked.CompareExchange(ref _held, moves, null) is null;

    internal abstract void Release();

    protected IReadOnlyList<Move> Held => _held!;

    public sealed class ForMoves(RunState view, string party, int round) : Waiting(party, round)
    {
        public RunState View { get; } = view;

        public TaskCompletionSource<IReadOnlyList<Move>> Moves { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal override void Release() => Moves.TrySetResult(Held);
    }

    public sealed class ForAnswer(Question question, string party, int round) : Waiting(party, round)
    {
        public Question Question { get; } = question;

        public TaskCompletionSource<Move> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal override void Release() => Answer.TrySetResult(Held[0]);
    }
}
