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

    /// <summary>Fails early on an --out whose folder does not exist, before anything runs.</summary>
    public static void CheckOut(string? path)
    {
        if (path is null) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw new BadInputException($"--out {path}: the folder {folder} does not exist");
    }
}
