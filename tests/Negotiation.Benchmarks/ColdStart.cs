using System.Diagnostics;

namespace Negotiation.Benchmarks;

/// <summary>
/// Issue 24's cold start: `negotiate run scenarios/the-whole-story.yaml --in-memory --json` as a whole process, from
/// the Release build (the JIT compiles everything) and from a self-contained publish (ReadyToRun composite with the
/// framework, as the container image is built): one run to warm the disk cache, then the median of seven.
/// </summary>
internal static class ColdStart
{
    public static async Task<IEnumerable<(string Figure, string Target, string Measured)>> RunAsync(string root, string negotiate)
    {
        var published = Path.Combine(Path.GetTempPath(), $"figures-cold-{Guid.NewGuid():N}");
        Console.WriteLine("publishing the CLI self-contained (ReadyToRun composite)...");
        using (var publish = Process.Start(new ProcessStartInfo("dotnet",
                   $"publish \"{Path.Combine(root, "src/Negotiation.Cli")}\" -c Release -r linux-x64 --self-contained true -o \"{published}\" -v q --nologo")
               { UseShellExecute = false })!)
        {
            await publish.WaitForExitAsync();
            if (publish.ExitCode != 0) throw new InvalidOperationException("the self-contained publish failed");
        }
        try
        {
            var story = Path.Combine(root, "scenarios/the-whole-story.yaml");
            var jit = await MedianAsync("dotnet", $"\"{negotiate}\" run \"{story}\" --in-memory --json");
            var composite = await MedianAsync(Path.Combine(published, "negotiate"), $"run \"{story}\" --in-memory --json");
            return
            [
                ("cold `run` of the whole story, Release build (JIT), median of 7", "", $"{jit:N2} s"),
                ("cold `run` of the whole story, self-contained ReadyToRun composite, median of 7", "under 0.6 s", $"{composite:N2} s"),
            ];
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }

    private static async Task<double> MedianAsync(string file, string arguments)
    {
        var times = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await output;
            if (process.ExitCode != 0) throw new InvalidOperationException($"`{file} {arguments}` failed: {await errors}");
            if (i > 0) times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
