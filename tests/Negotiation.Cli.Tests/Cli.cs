namespace Negotiation.Cli.Tests;

/// <summary>Runs the real command line in-process, capturing what it prints.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Task<Result> RunAsync(params string[] args) => RunWithInputAsync("", args);

    /// <summary>Runs with <paramref name="input"/> as what a person types, a line per answer.</summary>
    public static async Task<Result> RunWithInputAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, outputRedirected: true, TestContext.Current.CancellationToken, new StringReader(input));
        return new Result(code, output.ToString(), error.ToString());
    }

    public static string Repo { get; } = FindRepo();

    public static string Scenario(string name) => Path.Combine(Repo, "scenarios", name);

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Negotiation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root");
    }

    /// <summary>A JSON summary without one property (a run id differs between a run and its replay from a file).</summary>
    public static string Without(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }

    /// <summary>Runs a scenario with --json, writing its events to a fresh .jsonl file; returns the file.</summary>
    public static async Task<string> RunToFileAsync(string scenario, string name = "run.jsonl")
    {
        var file = TempFile(name);
        var result = await RunAsync("run", scenario, "--json", "--out", file);
        Assert.Equal(0, result.ExitCode);
        return file;
    }

    public static string TempFile(string name) => Path.Combine(Directory.CreateTempSubdirectory("negotiate-test-").FullName, name);
}
