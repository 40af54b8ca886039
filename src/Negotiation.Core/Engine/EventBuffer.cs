using Negotiation.Core.Events;

namespace Negotiation.Core.Engine;

/// <summary>Collects the events a decision emits while folding them, so each step decides on the state so far.</summary>
internal sealed class EventBuffer(RunState state)
{
    private readonly List<RunEvent> _events = [];

    public RunState State { get; private set; } = state;

    public IReadOnlyList<RunEvent> Events => _events;

    public void Emit(RunEvent e)
    {
        _events.Add(e);
        State = Evolution.Evolve(State, e);
    }
}
