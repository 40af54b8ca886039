using Negotiation.Core.Events;
using Negotiation.Core.Storage;

namespace Negotiation.Persistence;

/// <summary>The <c>.jsonl</c> event file: one <c>{"seq", "type", "data"}</c> object a line, in stream order.</summary>
public static class EventFile
{
    public static string Line(long seq, RunEvent e) => EventLine.Format(seq, e);

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
            events.Add(EventLine.Parse(path, line, lineNumber, events.Count));
        }
        return events;
    }
}
