namespace Negotiation.Cli.Tests;

/// <summary>Runs the real command line in-process, capturing what it prints.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, outputRedirected: true, TestContext.Current.CancellationToken);
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

    public static string TempFile(string name) => Path.Combine(Directory.CreateTempSubdirectory("negotiate-test-").FullName, name);
}
