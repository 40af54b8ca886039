using System.Collections.Concurrent;
using System.Security.Cryptography;
using Negotiation.Actors;
using Negotiation.Core.Model;
using Negotiation.Core.Storage;

namespace Negotiation.Classroom;

public sealed record Seat(string Party, string Code);

public sealed record Group(int Number, string RunId, IReadOnlyList<Seat> Seats);

/// <summary>A class session: one scenario played by several groups, each group an ordinary run with one seat per party a person plays.</summary>
public sealed record ClassSession(string Id, Scenario Scenario, int Seed, IReadOnlyList<string> Humans, IReadOnlyList<Group> Groups);

/// <summary>
/// The sessions a server holds, and the runs it plays for them: each group's run is started in the engine with
/// the <see cref="SeatDesk"/> as the source of its people's moves, and stored where `run` stores runs.
/// </summary>
public sealed class ClassSessions(NegotiationEngine engine, IEventStore store, SeatDesk desk)
{
    private readonly ConcurrentDictionary<string, ClassSession> _sessions = new();
    private readonly ConcurrentDictionary<string, (ClassSession Session, Group Group, Seat Seat)> _seats = new();
    private readonly ConcurrentDictionary<string, Task> _runs = new();

    public IEventStore Store => store;

    public SeatDesk Desk => desk;

    public ClassSession Open(Scenario scenario, int groups, IReadOnlyList<string> humans, int seed)
    {
        var id = $"{scenario.Name}-class-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
        var session = new ClassSession(id, scenario, seed, humans, Enumerable.Range(1, groups).Select(g => new Group(
            g, $"{id}-g{g}", humans.Select(p => new Seat(p, Code())).ToList())).ToList());
        _sessions[id] = session;
        foreach (var group in session.Groups)
        {
            foreach (var seat in group.Seats) _seats[seat.Code] = (session, group, seat);
            _runs[group.RunId] = engine.RunAsync(group.RunId, scenario, seed, CancellationToken.None, humans);
        }
        return session;
    }

    public ClassSession? Session(string id) => _sessions.GetValueOrDefault(id);

    public (ClassSession Session, Group Group, Seat Seat)? SeatOf(string code) =>
        _seats.TryGetValue(code, out var seat) ? seat : null;

    /// <summary>Why a group's run stopped, when it failed rather than concluded.</summary>
    public string? Failure(string runId) =>
        _runs.TryGetValue(runId, out var run) && run.IsFaulted ? run.Exception!.GetBaseException().Message : null;

    // 128 bits from the system's cryptographic generator: a seat code cannot be guessed.
    private static string Code() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
