using Negotiation.Core.Model;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Actors;

/// <summary>Where the moves of a party that a person plays come from (a console, a recording, a test).</summary>
public interface IMoveSource
{
    /// <summary>
    /// The party's moves in every open negotiation it is in, chosen on the view at the round's start;
    /// <paramref name="heard"/> is what happened since its last move, as far as it hears it (see <see cref="Hearing"/>).
    /// </summary>
    Task<IReadOnlyList<Move>> ChooseAsync(RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct);

    /// <summary>The party's answer to a decision the round put to it (a threat, a designation).</summary>
    Task<Move> AnswerAsync(Question question, CancellationToken ct);

    /// <summary>A person takes the time they take; a source that answers at once is held to the run's move timeout.</summary>
    bool WaitsForPerson { get; }

    /// <summary>The moves, knowing which run asks: a source that seats people in several runs at once needs it.</summary>
    Task<IReadOnlyList<Move>> ChooseAsync(string runId, RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct) =>
        ChooseAsync(view, party, heard, ct);

    /// <summary>The answer, knowing which run asks.</summary>
    Task<Move> AnswerAsync(string runId, Question question, CancellationToken ct) => AnswerAsync(question, ct);

    /// <summary>
    /// Why the moves (or the answer) this source gave the party for the round were the policy's, standing in for
    /// a person who did not move; null when the person moved. Asked once the moves are given.
    /// </summary>
    string? StoodIn(string runId, string party, int round) => null;

    /// <summary>World events a stored run recorded as announced after this round: what a re-run announces again.</summary>
    IReadOnlyList<WorldEvent> AnnouncedAfter(int round) => [];

    /// <summary>How long a person has to move in a round of the run, when the run has a round timer.</summary>
    TimeSpan? RoundTime(string runId) => null;

    /// <summary>
    /// The round's time is up for the party: a person who has not moved in it gets the policy's moves. Returns the
    /// time still left when the round's time has not really run out (a pause stopped the clock): the timer is set again.
    /// </summary>
    TimeSpan? TimeUp(string runId, string party, int round) => null;
}

/// <summary>A person's moves as a stored run recorded them: how <c>verify</c> re-runs a played run.</summary>
public sealed class RecordedMoveSource(IReadOnlyList<RunEvent> events) : IMoveSource
{
    public bool WaitsForPerson => false;

    public Task<IReadOnlyList<Move>> ChooseAsync(RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct) =>
        Task.FromResult(RecordedMoves.Of(view, party, RoundEvents(view.Round)));

    // The recorded moves already hold the answers; a question they do not answer was never asked in the run.
    public IReadOnlyList<WorldEvent> AnnouncedAfter(int round) =>
        events.OfType<WorldAnnounced>().Where(w => w.Round == round).Select(w => w.World).ToList();

    public string? StoodIn(string runId, string party, int round) =>
        events.OfType<PolicyStoodIn>().FirstOrDefault(p => p.Round == round && p.Party == party)?.Reason;

    public Task<Move> AnswerAsync(Question question, CancellationToken ct) =>
        Task.FromResult(RecordedMoves.AnswerTo(question, RoundEvents(question.View.Round)) ?? Policy.Answer(question));

    private List<RunEvent> RoundEvents(int round) => events.Where(e => e.Round == round && e is not NegotiationOpened).ToList();
}
