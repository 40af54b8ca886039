using System.Diagnostics;
using System.Globalization;
using Negotiation.Testing;

namespace Negotiation.Benchmarks;

/// <summary>
/// Issue 21's figures: the same sweep on one process and through a cluster of one worker node on loopback (the
/// same two cores), with each process's CPU time, to give the cluster's overhead and the costs a projection to N
/// machines rests on (docs/scale-out.md). Whole processes, timed by /usr/bin/time; the worker's CPU read from /proc.
/// </summary>
internal static class ClusterFigures
{
    public static async Task<List<(string, string, string)>> RunAsync(string negotiate, string scenario, int runs)
    {
        var port = Ports.Free();
        using var worker = Process.Start(new ProcessStartInfo("dotnet", $"\"{negotiate}\" node --seed-nodes 127.0.0.1:{port} --port {port}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        try
        {
            var up = await worker.StandardOutput.ReadLineAsync();
            if (up is null || !up.Contains("up,", StringComparison.Ordinal)) throw new InvalidOperationException($"the worker node did not start: {await worker.StandardError.ReadToEndAsync()}");
            _ = worker.StandardError.ReadToEndAsync();
            var sweep = $"sweep \"{scenario}\" --seeds 1..{runs} --json";
            var cluster = $"--cluster 127.0.0.1:{port}";

            Console.WriteLine($"sweep {Path.GetFileName(scenario)}, {runs:N0} runs, one process then the cluster (twice each), then {4 * runs:N0} on the cluster...");
            var local = new List<Timing>();
            var shared = new List<(Timing Sweep, double Worker)>();
            // Warm the worker's code first: a node is started once and plays many sweeps.
            await TimedAsync(negotiate, $"sweep \"{scenario}\" --seeds 1..2000 --json {cluster}");
            for (var i = 0; i < 2; i++)
            {
                local.Add(await TimedAsync(negotiate, sweep));
                shared.Add(await OnClusterAsync(runs));
            }
            // A per-run cost is the difference between a sweep and one four times longer: what each process spends
            // once (starting, compiling its code, joining) cancels out.
            var longer = await OnClusterAsync(4 * runs);
            var empty = await TimedAsync(negotiate, $"sweep \"{scenario}\" --seeds 1..10 --json {cluster}");

            var l = local.MinBy(t => t.Wall)!;
            var s = shared.MinBy(t => t.Sweep.Wall);
            var perRunWorker = (longer.Worker - s.Worker) / (3.0 * runs);
            var perRunCoordinator = (longer.Sweep.Cpu - s.Sweep.Cpu) / (3.0 * runs);
            var f = CultureInfo.InvariantCulture;
            return
            [
                ("a sweep through a cluster of one worker node on loopback, against one process (same 2 cores), wall time", "",
                    string.Format(f, "{0:F2}x ({1:N0} runs/s against {2:N0}; {3:F1} s against {4:F1} s)", s.Sweep.Wall / l.Wall, runs / s.Sweep.Wall, runs / l.Wall, s.Sweep.Wall, l.Wall)),
                ($"the same, {4 * runs:N0} runs", "", string.Format(f, "{0:N0} runs/s ({1:F1} s)", 4 * runs / longer.Sweep.Wall, longer.Sweep.Wall)),
                ("the cluster's fixed cost: a 10-run sweep's wall and CPU time (joining, offering, leaving)", "",
                    string.Format(f, "{0:F1} s wall, {1:F1} s CPU", empty.Wall, empty.Cpu)),
                ("CPU per run: the worker node (play, summarise, encode) and the coordinator (decode, tally)", "",
                    string.Format(f, "{0:F0} us and {1:F0} us", perRunWorker * 1e6, perRunCoordinator * 1e6)),
                ("a chunk of 256 runs: the worker's CPU, the coordinator's", "",
                    string.Format(f, "{0:F1} ms, {1:F1} ms", perRunWorker * 256e3, perRunCoordinator * 256e3)),
                ("where the coordinator becomes the limit: worker cores one coordinator core keeps busy", "",
                    perRunCoordinator > 0 ? string.Format(f, "{0:N0}", perRunWorker / perRunCoordinator) : "not measurable"),
            ];

            async Task<(Timing Sweep, double Worker)> OnClusterAsync(int n)
            {
                var before = CpuSeconds(worker.Id);
                var timing = await TimedAsync(negotiate, $"sweep \"{scenario}\" --seeds 1..{n} --json {cluster}");
                return (timing, CpuSeconds(worker.Id) - before);
            }
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
    }

    private sealed record Timing(double Wall, double Cpu);

    private static async Task<Timing> TimedAsync(string negotiate, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/time", $"-f \"%e %U %S\" dotnet \"{negotiate}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["NEGOTIATION_RUNS"] = Path.Combine(Path.GetTempPath(), $"figures-{Guid.NewGuid():N}") },
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        if (process.ExitCode != 0) throw new InvalidOperationException($"negotiate {arguments} failed: {errors}");
        var last = errors.TrimEnd().Split('\n')[^1].Split(' ');
        var n = last.Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return new Timing(n[0], n[1] + n[2]);
    }

    /// <summary>A running process's user and system CPU time, from /proc.</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are the 14th and 15th fields of the whole line, in clock ticks (100 a second on Linux).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
