using System.CommandLine;

namespace Negotiation.Cli.Commands;

/// <summary>Options shared by several commands, named as cli.md names them.</summary>
internal static class Options
{
    public static Option<string?> Db() => new("--db")
    {
        Description = $"Npgsql connection string of the PostgreSQL event store (default: ${Stores.EnvironmentVariable}; neither: the local run store, .negotiation/runs or ${Persistence.LocalRunStore.EnvironmentVariable})",
    };

    public static Option<bool> InMemory() => new("--in-memory") { Description = "keep the run's events in memory only: nothing is stored" };

    public static Option<string?> Out() => new("--out") { Description = "also write the run's events to this .jsonl file" };

    public static Option<bool> Json() => new("--json") { Description = "print only the summary, as one JSON object" };

    public static Argument<string> Run() => new("RUN") { Description = "a run id (in the local run store, or the database with --db), or a .jsonl event file" };

    /// <summary>The scenario in a file, or bad input listing every problem in it, a line each.</summary>
    public static Core.Model.Scenario LoadScenario(string path)
    {
        var loaded = Scenarios.ScenarioLoader.Load(path);
        return loaded.Ok ? loaded.Scenario! : throw new BadInputException(string.Join(Environment.NewLine, loaded.Errors));
    }

    /// <summary>
    /// Fails before anything runs on an --out that cannot be written: a folder, a missing folder, a file or a
    /// folder without write permission. Nothing is left behind by the check.
    /// </summary>
    public static void CheckOut(string? path, string option = "--out")
    {
        if (path is null) return;
        if (string.IsNullOrWhiteSpace(path)) throw new BadInputException($"{option}: a file name is needed");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new BadInputException($"{option} {path}: that is a folder; name a file in it");
        // A device or a named pipe is not a file to write a run into (issue 23: as root, `--out /dev/full` was
        // replaced by a regular file, and a named pipe hung the command past SIGTERM): refused before anything starts.
        if (FileKinds.IsSpecial(full)) throw new BadInputException($"{option} {path}: not a regular file (a device, a named pipe or a socket); name a file");
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder)) throw new BadInputException($"{option} {path}: the folder {folder} does not exist");
        try
        {
            if (File.Exists(full))
            {
                using var existing = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }
            else
            {
                using var probe = new FileStream(full + ".tmp", FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new BadInputException($"{option} {path}: cannot be written ({e.Message})");
        }
    }
}
