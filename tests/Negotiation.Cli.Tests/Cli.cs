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

    /// <summary>The real `negotiate` program in a process of its own, its runs kept in <paramref name="runs"/> (or a fresh folder).</summary>
    public static System.Diagnostics.Process Start(IDictionary<string, string?> environment, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "negotiate.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("NEGOTIATION_DB");
        info.Environment["NEGOTIATION_RUNS"] = Directory.CreateTempSubdirectory("negotiate-runs-").FullName;
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return System.Diagnostics.Process.Start(info)!;
    }

    /// <summary>Runs the real program to its end.</summary>
    public static async Task<Result> ProcessAsync(IDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Result(process.ExitCode, await output, await error);
    }

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
