using System.Text.Json;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;

namespace Negotiation.Persistence;

/// <summary>The <c>.jsonl</c> event file: one <c>{"seq", "type", "data"}</c> object a line, in stream order.</summary>
public static class EventFile
{
    public static string Line(long seq, RunEvent e) =>
        $"{{\"seq\":{seq},\"type\":\"{EventTypes.NameOf(e)}\",\"data\":{EventJson.Serialize(e)}}}";

    /// <summary>Writes through a temporary file, so a failed write never leaves half a file behind.</summary>
    public static void Write(string path, IEnumerable<StoredEvent> events)
    {
        var temp = path + ".tmp";
        try
        {
            File.WriteAllLines(temp, events.Select(e => Line(e.Seq, e.Event)));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <exception cref="InvalidDataException">a line that is not an event, with its line number</exception>
    public static IReadOnlyList<StoredEvent> Read(string path)
    {
        var events = new List<StoredEvent>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var seq = root.GetProperty("seq").GetInt64();
                if (seq != events.Count + 1) throw new JsonException($"seq {seq} where {events.Count + 1} was due (a line missing or out of order)");
                var type = root.GetProperty("type").GetString() ?? throw new JsonException("type is null");
                var e = EventJson.Deserialize(type, root.GetProperty("data"));
                if (events.Count == 0 && e is not NegotiationOpened)
                    throw new JsonException($"a run's first event is NegotiationOpened, not {type}");
                events.Add(new StoredEvent(seq, e));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or ArgumentException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}:1: error: not an event: {EventJson.Explain(e)}", e);
            }
        }
        return events;
    }
}
