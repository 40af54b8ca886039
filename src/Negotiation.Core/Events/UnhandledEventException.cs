namespace Negotiation.Core.Events;

/// <summary>
/// A consumer of events met one it neither handles nor lists as one it leaves alone: an event added without
/// deciding what each consumer does with it. Never thrown for a stored run (only registered events are read);
/// `EventConsumerTests` feeds every registered event to every consumer, so it fails the build's tests instead.
/// </summary>
public sealed class UnhandledEventException(RunEvent e, string consumer)
    : InvalidOperationException($"{consumer} has no case for a {e.GetType().Name} event: handle it, or list it among those it leaves alone");
