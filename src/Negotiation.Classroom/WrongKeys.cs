using System.Collections.Concurrent;

namespace Negotiation.Classroom;

/// <summary>
/// Wrong instructor keys by address: past <see cref="Allowed"/> in a <see cref="Window"/>, the address is locked
/// until the window ends, for every key it tries. A class's own instructor mistyping a few times is never locked.
/// </summary>
public sealed class WrongKeys(TimeProvider? clock = null)
{
    public const int Allowed = 20;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Since, int Count)> _tries = new();

    public bool Locked(string address) =>
        _tries.TryGetValue(address, out var tries) && tries.Count >= Allowed && _clock.GetUtcNow() - tries.Since < Window;

    public void Failed(string address)
    {
        var now = _clock.GetUtcNow();
        _tries.AddOrUpdate(address, _ => (now, 1), (_, tries) => now - tries.Since >= Window ? (now, 1) : (tries.Since, tries.Count + 1));
        // Addresses whose window has passed are forgotten, so the table cannot grow without end.
        if (_tries.Count > 10_000)
            foreach (var (key, value) in _tries)
                if (now - value.Since >= Window) _tries.TryRemove(key, out _);
    }
}
