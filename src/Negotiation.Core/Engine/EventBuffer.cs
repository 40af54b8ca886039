using Negotiation.Core.Events;

namespace Negotiation.Core.Engine;

/// <summary>Collects the events a decision emits while folding them, so each step decides on the state so far.</summary>
internal sealed class EventBuffer(RunState state)
{
    private readonly List<RunEvent> _events = new(8);

    public RunState State { get; private set; } = state;

    public IReadOnlyList<RunEvent> Events => _events;

    /// <summary>The decision the round's moves do not answer, once one is met: the resolution goes no further.</summary>
    public Question? Pending { get; private set; }

    public void Ask(Question question) => Pending ??= question;

    public void Emit(RunEvent e)
    {
        _events.Add(e);
        State = Evolution.Evolve(State, e);
    }
}
