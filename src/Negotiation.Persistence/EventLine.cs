using System.Text.Json;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;

namespace Negotiation.Persistence;

/// <summary>
/// One event as a line of JSON, <c>{"seq", "type", ["at",] "data"}</c>: the one codec of the event file (<c>--out</c>,
/// <c>replay FILE</c>) and the local run store (issue 22: both parsed it, each with its own copy of the filter).
/// </summary>
public static class EventLine
{
    public static string Format(long seq, RunEvent e, DateTimeOffset? at = null) => at is { } stamp
        ? $"{{\"seq\":{seq},\"type\":\"{EventTypes.NameOf(e)}\",\"at\":\"{stamp:O}\",\"data\":{EventJson.Serialize(e)}}}"
        : $"{{\"seq\":{seq},\"type\":\"{EventTypes.NameOf(e)}\",\"data\":{EventJson.Serialize(e)}}}";

    /// <param name="before">how many events come before this one: its seq must be the next</param>
    /// <exception cref="InvalidDataException">a line that is not that event, naming the file and line</exception>
    public static StoredEvent Parse(string path, string line, int lineNumber, int before)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var seq = root.GetProperty("seq").GetInt64();
            if (seq != before + 1) throw new JsonException($"seq {seq} where {before + 1} was due (a line missing or out of order)");
            var type = root.GetProperty("type").GetString() ?? throw new JsonException("type is null");
            DateTimeOffset? at = root.TryGetProperty("at", out var stamp) && stamp.TryGetDateTimeOffset(out var t) ? t : null;
            var e = EventJson.Deserialize(type, root.GetProperty("data"));
            if (before == 0 && e is not NegotiationOpened) throw new JsonException($"a run's first event is NegotiationOpened, not {type}");
            return new StoredEvent(seq, e, at);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}:{lineNumber}:1: error: not an event: {EventJson.Explain(e)}", e);
        }
    }
}
