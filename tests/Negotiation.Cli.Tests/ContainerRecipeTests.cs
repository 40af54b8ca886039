using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>
/// The container's recipe without a Docker engine (this machine has none): the Dockerfile's build step run as
/// written on a copy of the sources, its entrypoint started with its ENV and the compose file's environment,
/// against a real PostgreSQL. What is left untested is Docker itself: the images and the network between them.
/// </summary>
public partial class ContainerRecipeTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dockerfiles_build_and_entrypoint_give_a_class_server_that_stores_its_runs_in_postgresql()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Cli.Repo, "Dockerfile"), Ct);
        var compose = await File.ReadAllTextAsync(Path.Combine(Cli.Repo, "docker-compose.yml"), Ct);
        var publish = Publish().Match(dockerfile);
        Assert.True(publish.Success, "the Dockerfile publishes the CLI");
        var entrypoint = JsonSerializer.Deserialize<string[]>(Entrypoint().Match(dockerfile).Groups[1].Value)!;
        var env = Env().Matches(dockerfile).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Contains("NEGOTIATION_DB:", compose);
        Assert.Contains("NEGOTIATION_INSTRUCTOR_KEY:", compose);

        // COPY . . (without what .dockerignore leaves out), then the RUN line as written, into a folder for /app.
        var root = Directory.CreateTempSubdirectory("container-").FullName;
        var src = Path.Combine(root, "src");
        var app = Path.Combine(root, "app");
        CopySources(Cli.Repo, src);
        var build = await RunAsync(src, "dotnet", [.. publish.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), "-o", app]);
        Assert.True(build.Code == 0, build.Output);
        CopySources(Path.Combine(Cli.Repo, "scenarios"), Path.Combine(app, "scenarios"));

        var port = Ports.Free();
        var args = entrypoint.Skip(1).Select(a => a.Replace("/app", app, StringComparison.Ordinal).Replace("5080", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
        var info = new ProcessStartInfo(entrypoint[0]) { WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in env) info.Environment[key] = value.Replace("/data", Path.Combine(root, "data"), StringComparison.Ordinal);
        info.Environment["NEGOTIATION_DB"] = database.ConnectionString;
        info.Environment["NEGOTIATION_INSTRUCTOR_KEY"] = "";
        info.Environment.Remove("NEGOTIATION_RUNS");
        using var server = Process.Start(info)!;
        try
        {
            var url = (await ServedClass.LineStartingAsync(server, "instructor: "))["instructor: ".Length..];
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServedClass.KeyOf(url));
            var (id, runId) = await ServedClass.PlayPolicyGroupAsync(client);
            Assert.True(File.Exists(Path.Combine(root, "data", "sessions", $"{id}.json")), "the session is kept in the volume");

            var verified = await Cli.ProcessAsync(new Dictionary<string, string?> { ["NEGOTIATION_DB"] = database.ConnectionString }, "verify", runId);
            Assert.True(verified.ExitCode == 0, verified.Out + verified.Err);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Ct);
            Directory.Delete(root, recursive: true);
        }
    }

    private static void CopySources(string from, string to)
    {
        string[] ignored = ["bin", "obj", ".negotiation", ".git"];
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from).Where(d => !ignored.Contains(Path.GetFileName(d))))
            CopySources(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static async Task<(int Code, string Output)> RunAsync(string directory, string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"^RUN dotnet (publish .*?) -o /app\s*$", RegexOptions.Multiline)]
    private static partial Regex Publish();

    [GeneratedRegex(@"^ENTRYPOINT (\[.*\])\s*$", RegexOptions.Multiline)]
    private static partial Regex Entrypoint();

    [GeneratedRegex(@"^ENV (\w+)=(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Env();
}
