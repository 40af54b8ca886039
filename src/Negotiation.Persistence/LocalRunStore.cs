using System.Text;
using System.Text.Json;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;

namespace Negotiation.Persistence;

/// <summary>
/// The embedded default store: a folder with one append-only <c>RUN.jsonl</c> file per run, in the event file's
/// line format (plus each event's time). An append takes the run's lock file (an exclusive OS lock, so one
/// writer per stream across processes), checks the expected version against the file, writes the batch and
/// syncs it to disk before returning, so nothing reacts to an event that a crash could lose. A process killed
/// mid-write leaves at most a torn last line: reads ignore it and the next append cuts it off.
/// </summary>
public sealed class LocalRunStore : IEventStore
{
    public const string EnvironmentVariable = "NEGOTIATION_RUNS";

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    public LocalRunStore(string folder)
    {
        Folder = Path.GetFullPath(folder);
        PrivateFiles.CreateFolder(Folder);
    }

    public string Folder { get; }

    /// <summary>The folder runs are kept in: <c>NEGOTIATION_RUNS</c>, else <c>.negotiation/runs</c> under the working directory.</summary>
    public static string DefaultFolder() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } folder ? folder : Path.Combine(".negotiation", "runs");

    /// <summary>A run id names a file: letters, digits, '.', '_' and '-' only, never a path.</summary>
    public static bool IsValidRunId(string runId) =>
        runId.Length is > 0 and <= 200 && runId[0] != '.' && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public bool Exists(string runId) => IsValidRunId(runId) && File.Exists(PathOf(runId));

    public async Task<long> AppendAsync(string runId, long expectedVersion, IReadOnlyList<RunEvent> events, CancellationToken ct = default)
    {
        var path = PathOf(runId);
        var at = DateTimeOffset.UtcNow;
        using var writeLock = await LockAsync(runId, ct);
        await using var file = new FileStream(path, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read));
        var (count, validLength) = await ScanAsync(file, ct);
        if (count != expectedVersion) throw new StreamConcurrencyException(runId, expectedVersion, count);
        // A torn line a crash left behind is cut off before the new lines go after the last whole one.
        if (validLength != file.Length) file.SetLength(validLength);
        file.Seek(validLength, SeekOrigin.Begin);
        var text = new StringBuilder();
        var seq = count;
        foreach (var e in events) text.Append(Line(++seq, e, at)).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await file.WriteAsync(bytes, ct);
        // fsync has no asynchronous form: it waits on the thread pool, not on the actor dispatcher's thread that called.
        await Task.Run(() => file.Flush(flushToDisk: true), CancellationToken.None);
        return seq;
    }

    /// <summary>Read with the file system's asynchronous reads (issue 22: it blocked the actor dispatcher's thread that asked).</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long? untilVersion = null, CancellationToken ct = default)
    {
        var path = PathOf(runId);
        if (!File.Exists(path)) return [];
        var content = new MemoryStream();
        await using (var file = new FileStream(path, new FileStreamOptions
                     {
                         Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete,
                         Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                     }))
            await file.CopyToAsync(content, ct);
        content.Position = 0;
        var events = new List<StoredEvent>();
        foreach (var (line, number, complete) in Lines(content))
        {
            if (untilVersion is { } until && events.Count >= until) break;
            if (!complete) break;
            events.Add(EventLine.Parse(path, line, number, events.Count));
        }
        return events;
    }

    public async Task<IReadOnlyList<RunListing>> ListRunsAsync(CancellationToken ct = default)
    {
        var listings = new List<RunListing>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.jsonl"))
        {
            var runId = Path.GetFileNameWithoutExtension(file);
            if (!IsValidRunId(runId)) continue;
            try
            {
                if (RunListings.From(runId, await ReadAsync(runId, null, ct)) is { } listing) listings.Add(listing);
            }
            catch (InvalidDataException)
            {
                // A file damaged by hand is not a run to list; `replay` of it says what is wrong.
            }
        }
        return listings.OrderBy(l => l.Started).ThenBy(l => l.RunId, StringComparer.Ordinal).ToList();
    }

    private string PathOf(string runId) =>
        IsValidRunId(runId) ? Path.Combine(Folder, runId + ".jsonl") : throw new ArgumentException($"`{runId}` is not a run id (letters, digits, '.', '_' and '-')");

    private static string Line(long seq, RunEvent e, DateTimeOffset at) => EventLine.Format(seq, e, at);

    /// <summary>How many whole events the file holds, and where the last whole line ends.</summary>
    private static async Task<(long Count, long ValidLength)> ScanAsync(FileStream file, CancellationToken ct)
    {
        file.Seek(0, SeekOrigin.Begin);
        long count = 0, valid = 0, position = 0;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            for (var i = 0; i < read; i++)
                if (buffer[i] == (byte)'\n')
                {
                    count++;
                    valid = position + i + 1;
                }
            position += read;
        }
        return (count, valid);
    }

    /// <summary>The file's lines; the last is incomplete when no newline ends it (a torn write).</summary>
    private static IEnumerable<(string Line, int Number, bool Complete)> Lines(Stream file)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, false, 64 * 1024, leaveOpen: true);
        var text = reader.ReadToEnd();
        var number = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            number++;
            if (end < 0)
            {
                yield return (text[start..], number, false);
                yield break;
            }
            yield return (text[start..end], number, true);
            start = end + 1;
        }
    }

    private async Task<IDisposable> LockAsync(string runId, CancellationToken ct)
    {
        var path = Path.Combine(Folder, runId + ".lock");
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // Never deleted: a lock file unlinked while another process waits on it would let two writers in.
                return new FileStream(path, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, ct);
            }
            catch (IOException e)
            {
                throw new IOException($"run {runId} is being written by another process (its lock file {path} is held)", e);
            }
        }
    }
}
