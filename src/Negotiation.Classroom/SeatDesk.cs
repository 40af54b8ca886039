using System.Collections.Concurrent;
using Negotiation.Actors;
using Negotiation.Core.Engine;

namespace Negotiation.Classroom;

/// <summary>
/// The class server's side of the seats its people play (<see cref="ISeatHost"/>). Each seat's question, its held
/// moves, its time and its pause belong to its <see cref="SeatActor"/>; the desk keeps what a session says of its
/// runs (round time, pause), the moves taken (202) on disk until their round is stored, and which seats their last
/// published view shows still asked, waking the pages that follow each seat.
/// </summary>
public sealed class SeatDesk(TimeProvider? clock = null) : ISeatHost
{
    private readonly ConcurrentDictionary<string, bool> _paused = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _timers = new();
    // The seats whose last published view shows them asked and still to answer: all the room needs of those views.
    private readonly ConcurrentDictionary<(string RunId, string Party), bool> _waiting = new();
    private string? _taken;

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>
    /// Where the moves a person sent are kept the moment they are taken (202), until their round is stored: a server
    /// killed in between asks nobody again for them when it is back (issue 18: students were asked again).
    /// </summary>
    public void KeepTakenIn(string folder) => _taken = folder;

    private string TakenPath(string runId, string party, int round, bool answer) =>
        Path.Combine(_taken!, $"{Uri.EscapeDataString(runId)}.{Uri.EscapeDataString(party)}.{round}.{(answer ? "answer" : "moves")}.json");

    public void Keep(string runId, string party, int round, bool answer, IReadOnlyList<Move> moves)
    {
        if (_taken is null) return;
        try
        {
            Persistence.PrivateFiles.CreateFolder(_taken);
            var path = TakenPath(runId, party, round, answer);
            Persistence.PrivateFiles.WriteAllText(path + ".tmp", System.Text.Json.JsonSerializer.Serialize(moves.Select(MoveJson.Write).ToList(), ClassServer.Json));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (IOException)
        {
            // The moves stand in memory: only their surviving a restart is lost.
        }
    }

    public IReadOnlyList<Move>? Kept(string runId, string party, int round, bool answer, bool isAgency)
    {
        if (_taken is null || !Directory.Exists(_taken)) return null;
        var prefix = $"{Uri.EscapeDataString(runId)}.{Uri.EscapeDataString(party)}.";
        foreach (var old in Directory.EnumerateFiles(_taken, prefix + "*.json"))
            if (int.TryParse(Path.GetFileName(old)[prefix.Length..].Split('.')[0], out var at) && at < round) File.Delete(old);
        var path = TakenPath(runId, party, round, answer);
        if (!File.Exists(path)) return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.EnumerateArray().Select(m => MoveJson.Read(m, party, isAgency)).ToList();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or MoveFormatException or IOException)
        {
            // A file that cannot be read back: the person is asked again.
            return null;
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

    public TimeSpan? RoundTime(string runId) => _timers.TryGetValue(runId, out var perRound) ? perRound : null;

    public bool IsPaused(string runId) => _paused.GetValueOrDefault(runId);

    /// <summary>Marks the run paused (or not) for the seats it starts from now on; its seats are told by the session.</summary>
    public void SetPaused(string runId, bool paused) => _paused[runId] = paused;

    /// <summary>
    /// Raised with the run id when the stored run has changed (a seat has a stored round it had not, an announcement
    /// was stored, the run ended): whoever keeps a read of the run reads it again.
    /// </summary>
    public event Action<string>? Changed;

    private readonly ConcurrentDictionary<(string RunId, string Party), TaskCompletionSource> _changes = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _runChanges = new();
    private readonly ConcurrentDictionary<string, int> _stored = new();

    /// <summary>Completes when the seat next publishes its view, or the run ends: what its live pushes wait on.</summary>
    public Task NextChange(string runId, string party) =>
        _changes.GetOrAdd((runId, party), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Completes when any seat of the run next publishes, or the run changes: what the projector's live pushes wait on.</summary>
    public Task NextChange(string runId) =>
        _runChanges.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Published(SeatSnapshot snapshot)
    {
        if (snapshot.Waiting) _waiting[(snapshot.RunId, snapshot.Party)] = true;
        else _waiting.TryRemove((snapshot.RunId, snapshot.Party), out _);
        // Listeners hear of a stored round before the view that shows it is pushed: whoever reads the run reads it anew.
        var stored = snapshot.Stored;
        if (_stored.GetValueOrDefault(snapshot.RunId, -1) < stored)
        {
            _stored[snapshot.RunId] = stored;
            Changed?.Invoke(snapshot.RunId);
        }
        if (_changes.TryRemove((snapshot.RunId, snapshot.Party), out var change)) change.TrySetResult();
        if (_runChanges.TryRemove(snapshot.RunId, out var any)) any.TrySetResult();
    }

    /// <summary>The seats of the run asked and still to answer, as they last published.</summary>
    public IReadOnlyList<string> WaitingIn(string runId) =>
        _waiting.Keys.Where(k => k.RunId == runId).Select(k => k.Party).Order().ToList();

    /// <summary>Something was stored in the run between rounds (a world event announced): its listeners read it again.</summary>
    public void Stored(string runId)
    {
        Changed?.Invoke(runId);
        if (_runChanges.TryRemove(runId, out var any)) any.TrySetResult();
    }

    /// <summary>The run has ended (concluded or failed): no seat of it is asked any longer; whatever listens hears so.</summary>
    /// <param name="concluded">the run reached its end (not a failure it may be taken up again after): what was kept of its moves goes</param>
    public void Ended(string runId, bool concluded = false)
    {
        if (concluded) DropKept(runId);
        // Its seats' actors are gone: none of them is asked any longer.
        foreach (var key in _waiting.Keys.Where(k => k.RunId == runId).ToList()) _waiting.TryRemove(key, out _);
        Changed?.Invoke(runId);
        foreach (var key in _changes.Keys.Where(k => k.RunId == runId).ToList())
            if (_changes.TryRemove(key, out var change)) change.TrySetResult();
        if (_runChanges.TryRemove(runId, out var any)) any.TrySetResult();
    }

    /// <summary>Lets go of everything held for a run that is over and whose session is freed.</summary>
    public void Forget(string runId)
    {
        DropKept(runId);
        foreach (var key in _waiting.Keys.Where(k => k.RunId == runId).ToList()) _waiting.TryRemove(key, out _);
        foreach (var key in _changes.Keys.Where(k => k.RunId == runId).ToList()) _changes.TryRemove(key, out _);
        _runChanges.TryRemove(runId, out _);
        _stored.TryRemove(runId, out _);
        _paused.TryRemove(runId, out _);
        _timers.TryRemove(runId, out _);
    }

    /// <summary>How many runs the desk holds anything for: what a freed session must leave at nothing.</summary>
    public int RunsHeld =>
        _waiting.Keys.Select(k => k.RunId).Concat(_changes.Keys.Select(k => k.RunId)).Concat(_runChanges.Keys).Concat(_stored.Keys)
            .Concat(_timers.Keys).Concat(_paused.Keys).Distinct().Count();
}
