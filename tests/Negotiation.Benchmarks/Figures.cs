using System.Diagnostics;
using System.Globalization;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Persistence;
using Negotiation.Scenarios;
using Negotiation.Testing;
using Npgsql;

namespace Negotiation.Benchmarks;

/// <summary>
/// The sweep issue's figures, each printed beside its target: sweeps through the `negotiate` binary (Release),
/// and storage against a throwaway PostgreSQL. `dotnet run -c Release --project tests/Negotiation.Benchmarks -- figures [--million | --storage | --engine | --cold | --cluster | --class | --soak [--minutes M] [--pace S]]`.
/// </summary>
internal static class Figures
{
    private const int StoredRuns = 4_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = RepositoryRoot();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("building the CLI in Release...");
        if (await Exec("dotnet", $"build -c Release \"{Path.Combine(root, "src/Negotiation.Cli")}\" -v q --nologo") != 0) return 1;
        var negotiate = Path.Combine(root, "src/Negotiation.Cli/bin/Release/net10.0/negotiate.dll");

        var rows = new List<(string Figure, string Target, string Measured)>();
        var bilateral = Path.Combine(root, "docs/bench/bilateral.yaml");
        var three = Path.Combine(root, "docs/bench/three.yaml");

        if (args.Contains("--class"))
        {
            // A first class just after start (its code not yet compiled), then a second class in the same process.
            rows.AddRange(await ClassLoad.RunAsync(root, "a cold start"));
            rows.AddRange(await ClassLoad.RunAsync(root, "a warm process"));
            Print(rows);
            return 0;
        }

        if (args.Contains("--soak"))
        {
            // Bounded: 30 minutes unless told (`--minutes M`), a round every 2 s unless told (`--pace S`); loopback only.
            var minutes = Argument(args, "--minutes") ?? 30;
            var pace = Argument(args, "--pace") ?? 2;
            rows.AddRange(await ClassSoak.RunAsync(root, TimeSpan.FromMinutes(minutes), TimeSpan.FromSeconds(pace)));
            Print(rows);
            return 0;
        }

        if (args.Contains("--engine"))
        {
            // In process, in the core: no build of the CLI is used.
            rows.AddRange(EngineFigures.Run(bilateral, three));
            Print(rows);
            return 0;
        }

        if (args.Contains("--cold"))
        {
            rows.AddRange(await ColdStart.RunAsync(root, negotiate));
            Print(rows);
            return 0;
        }

        if (args.Contains("--cluster"))
        {
            rows.AddRange(await ClusterFigures.RunAsync(negotiate, bilateral, 40_000));
            Print(rows);
            return 0;
        }

        if (args.Contains("--storage"))
        {
            rows.AddRange(await Storage(bilateral));
            Print(rows);
            return 0;
        }

        var (seconds, peak) = await Sweep(negotiate, bilateral, 40_000);
        rows.Add(("bilateral 10 x 5 through `negotiate sweep`, negotiations/s", "10,000", $"{40_000 / seconds:N0} (40,000 in {seconds:F1} s)"));
        var (uncertainSeconds, uncertainPeak) = await Sweep(negotiate, Path.Combine(root, "docs/bench/bilateral-uncertain.yaml"), 40_000);
        rows.Add(("the same with an uncertain weight per party: time against without, peak memory", "1.5x, under 300 MB",
            $"{uncertainSeconds / seconds:N2}x ({uncertainSeconds:F1} s), {uncertainPeak / 1024.0 / 1024:N0} MB against {peak / 1024.0 / 1024:N0} MB"));
        (seconds, peak) = await Sweep(negotiate, three, 10_000);
        rows.Add(("three vendors on that domain, runs/s", "1,000", $"{10_000 / seconds:N0} (10,000 in {seconds:F1} s)"));
        if (args.Contains("--million"))
        {
            (seconds, peak) = await Sweep(negotiate, bilateral, 1_000_000);
            rows.Add(("peak memory of a 1,000,000-run sweep", "under 300 MB", $"{peak / 1024.0 / 1024:N0} MB ({seconds:F0} s)"));
        }
        else
        {
            rows.Add(("peak memory of a 40,000-run sweep (--million for 1,000,000)", "under 300 MB", $"{peak / 1024.0 / 1024:N0} MB"));
        }

        rows.AddRange(await Storage(bilateral));
        Print(rows);
        return 0;
    }

    private static double? Argument(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length && double.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : null;

    private static void Print(List<(string Figure, string Target, string Measured)> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| figure | target | measured |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (figure, target, measured) in rows) Console.WriteLine($"| {figure} | {target} | {measured} |");
    }

    /// <summary>
    /// The sweep's own way of storing (new runs in chunks of 256, one Marten session each), then a raw binary
    /// COPY of the very rows it wrote back into the same table, then every run read back.
    /// </summary>
    private static async Task<List<(string, string, string)>> Storage(string bilateral)
    {
        await using var server = await PostgresServer.DedicatedAsync() ?? await PostgresServer.SharedAsync();
        Console.WriteLine($"storage on {server.Description}");
        var connection = await server.CreateDatabaseAsync("figures");
        var scenario = ScenarioLoader.Load(bilateral).Scenario!;
        var runs = Enumerable.Range(1, StoredRuns).Select(s => ($"figures-s{s}", Simulation.Run(scenario, s))).ToList();
        var events = runs.Sum(r => r.Item2.Count);

        await using var store = await MartenEventStore.ConnectAsync(connection);
        await store.AppendNewRunsAsync([("warm-up", Simulation.Run(scenario, 0))]);
        var clock = Stopwatch.StartNew();
        foreach (var chunk in runs.Chunk(256)) await store.AppendNewRunsAsync(chunk.Select(r => (r.Item1, (IReadOnlyList<RunEvent>)r.Item2)).ToList());
        var appendRate = events / clock.Elapsed.TotalSeconds;

        clock.Restart();
        var read = 0;
        foreach (var (runId, _) in runs.Take(500)) read += (await store.ReadAsync(runId)).Count;
        var oneByOne = read / clock.Elapsed.TotalSeconds;
        clock.Restart();
        read = 0;
        foreach (var chunk in runs.Chunk(256)) read += (await store.ReadRunsAsync(chunk.Select(r => r.Item1).ToList())).Sum(r => r.Count);
        var readRate = read / clock.Elapsed.TotalSeconds;

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var table = $"{MartenEventStore.DefaultSchema}.mt_events";
        var copied = new MemoryStream();
        await using (var output = await db.BeginRawBinaryCopyAsync($"COPY {table} TO STDOUT (FORMAT binary)")) await output.CopyToAsync(copied);
        var rows = (long)(await new NpgsqlCommand($"SELECT count(*) FROM {table}", db).ExecuteScalarAsync())!;
        await new NpgsqlCommand($"DELETE FROM {table}", db).ExecuteNonQueryAsync();
        copied.Position = 0;
        clock.Restart();
        await using (var input = await db.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT binary)")) await copied.CopyToAsync(input);
        var copyRate = rows / clock.Elapsed.TotalSeconds;

        var f = CultureInfo.InvariantCulture;
        return
        [
            ("events stored per second by a sweep with `--db`, against a raw COPY of the same rows", "0.5",
                string.Format(f, "{0:F2} ({1:N0} events/s against {2:N0} rows/s)", appendRate / copyRate, appendRate, copyRate)),
            ("reading stored runs back, against appending them", "10x",
                string.Format(f, "{0:F1}x ({1:N0} events/s read 256 runs a round trip; {2:N0} one run a query)", readRate / appendRate, readRate, oneByOne)),
        ];
    }

    private static async Task<(double Seconds, long PeakBytes)> Sweep(string negotiate, string scenario, int runs)
    {
        Console.WriteLine($"sweep {Path.GetFileName(scenario)}, {runs:N0} runs...");
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{negotiate}\" sweep \"{scenario}\" --seeds 1..{runs} --json")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["NEGOTIATION_RUNS"] = Path.Combine(Path.GetTempPath(), $"figures-{Guid.NewGuid():N}") },
        })!;
        var clock = Stopwatch.StartNew();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakOf(process.Id));
            await Task.Delay(50);
        }
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        await output;
        if (process.ExitCode != 0) throw new InvalidOperationException($"sweep failed: {await errors}");
        return (seconds, peak);
    }

    /// <summary>The process's peak resident memory so far (VmHWM), or 0 once it is gone.</summary>
    private static long PeakOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<int> Exec(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Negotiation.sln"))) return dir.FullName;
        throw new InvalidOperationException("run this from inside the repository");
    }
}
