using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Negotiation.Actors.ScaleOut;
using Negotiation.Cli.Rendering;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Exploration;
using Negotiation.Core.Model;
using Negotiation.Core.Reports;
using Negotiation.Core.Storage;
using Negotiation.Scenarios;
using Spectre.Console;

namespace Negotiation.Cli.Commands;

/// <summary>
/// `sweep` (cli.md 1.1): every cell of a grid of varied values, for every seed, on all cores. Runs are played by
/// the core alone (no actor hops: nobody waits for a person) and reduced at once to their outcomes, so memory
/// stays flat however many runs there are; rows reach the CSV as runs finish, in a fixed order.
/// </summary>
internal static class SweepCommand
{
    /// <summary>Chunks in flight on one machine: one stored and tallied while the next plays.</summary>
    private const int LocalWindow = 2;

    /// <summary>Chunks in flight among a cluster's nodes: enough to keep a few dozen nodes busy, few enough that results wait in memory briefly.</summary>
    private const int ClusterWindow = 64;

    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "the scenario file (YAML)" };
        var seeds = new Option<string>("--seeds") { Description = "the seeds to run, FROM..TO or one seed (default 1..20)", DefaultValueFactory = _ => "1..20" };
        var vary = new Option<string[]>("--vary") { Description = "PATH=V1,V2,... as in fork --set, or PATH=[V1, V2, ...] (a YAML flow list) for values that hold commas; several make a grid", AllowMultipleArgumentsPerToken = false };
        var jobs = new Option<int?>("--jobs") { Description = "runs at once (default: one per core)" };
        var csv = new Option<string?>("--csv") { Description = "one row per run and vendor to this file" };
        var report = new Option<string?>("--report") { Description = "a self-contained HTML report with charts to this file" };
        var db = Options.Db();
        // A sweep without a database stores no run (the local run store is for runs one looks at one by one).
        db.Description = "Npgsql connection string of the PostgreSQL event store where every run is stored (default: $NEGOTIATION_DB); without either, no run is stored";
        var id = new Option<string?>("--id") { Description = "the sweep's id, with --db only: running it again skips the runs already stored (a sweep without --db stores no run)" };
        var json = Options.Json();
        var design = new Option<string>("--design") { Description = "grid (default): every combination of --vary; random, lhs or sobol: --samples points over every range and one_of of the file", DefaultValueFactory = _ => "grid" };
        var samples = new Option<int?>("--samples") { Description = "N, the points of a random, lhs or sobol design (a sobol design plays N x (inputs + 2) points)" };
        var parquet = new Option<string?>("--parquet") { Description = "the same table as --csv, as Parquet, to this file" };
        var cluster = new Option<string?>("--cluster") { Description = "HOST:PORT,...: the seed nodes of a cluster whose worker nodes (`negotiate node`) share the sweep's runs; the result is the same as on one machine" };
        var discover = new Option<string?>("--discover") { Description = "VENDOR.result=RESULT or VENDOR.litigation=STATUS: the boxes of inputs (PRIM) under which it happens, with a design" };
        var command = new Command("sweep", "run a scenario over a grid of varied values or a design over its ranges, for many seeds; count the outcomes and say which inputs matter")
        {
            file, seeds, vary, jobs, csv, parquet, report, db, id, json, design, samples, discover, cluster,
        };
        command.SetAction(async (parse, ct) =>
        {
            // The seeds are read first: a wrong range is said before a wrong file.
            var range = SweepSetup.ParseRange(parse.GetValue(seeds)!);
            var path = parse.GetValue(file)!;
            var scenario = Options.LoadScenario(path);
            var setup = SweepSetup.Of(scenario, range, parse.GetValue(vary) ?? [], parse.GetValue(design)!, parse.GetValue(samples), parse.GetValue(discover));
            var (grid, plan) = (setup.Grid, setup.Plan);
            var workers = parse.GetValue(jobs) ?? Environment.ProcessorCount;
            if (workers < 1) throw new BadInputException($"--jobs {workers}: at least 1");
            var seedNodes = parse.GetValue(cluster);
            var settings = seedNodes is null ? null : Cluster(seedNodes);
            if (settings is not null && parse.GetValue(jobs) is not null) throw new BadInputException("--jobs: a sweep on a cluster is played on every core of each worker node; give --jobs without --cluster");
            Options.CheckOut(parse.GetValue(csv), "--csv");
            Options.CheckOut(parse.GetValue(parquet), "--parquet");
            Options.CheckOut(parse.GetValue(report), "--report");
            var sweepId = parse.GetValue(id) ?? $"{scenario.Name}-sweep-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
            if (!Persistence.LocalRunStore.IsValidRunId(sweepId)) throw new BadInputException($"--id {sweepId}: letters, digits, '.', '_' and '-' only");
            var connection = Stores.ConnectionString(parse.GetValue(db));
            // cli.md 1.2: an id names the runs a sweep stores; without a database there are none to name.
            if (parse.GetValue(id) is not null && connection is null)
                throw new BadInputException($"--id {sweepId}: a sweep keeps its runs only with --db (or NEGOTIATION_DB); without it there is nothing to take up again");
            await using var stores = connection is null ? null : await Stores.OpenAsync(connection, ct);

            // One query for the runs an earlier attempt of this sweep stored; only those are read back.
            var existing = stores is null ? [] : (await stores.Store.ListRunsAsync(ct))
                .Where(r => r.RunId.StartsWith(sweepId + "-c", StringComparison.Ordinal)).Select(r => r.RunId).ToHashSet();
            var vendors = scenario.Vendors.Select(v => v.Id).ToList();
            var aggregate = new SweepAggregate(grid.Select(g => g.Values).ToList(), vendors);
            var tallies = plan.Design is null ? null : grid.Select(_ => new PointTally(scenario, plan.Points.Count, plan.Discover)).ToList();
            // The Pareto and Nash figures cost a search per signed deal: made for a report and for --json.
            var analyse = parse.GetValue(report) is not null || parse.GetValue(json);
            var table = new SweepTable(scenario, plan.Columns);
            var files = new List<ITableFile>();
            await using var closeFiles = new Closing(files);
            if (parse.GetValue(csv) is { } csvPath) files.Add(await CsvTableFile.CreateAsync(csvPath, table.Columns));
            if (parse.GetValue(parquet) is { } parquetPath) files.Add(await ParquetTableFile.CreateAsync(parquetPath, table.Columns, ct));

            // On one machine two chunks in flight play one after the other: one's storing (a database round trip of a
            // second or so) and its rows overlap the next one's playing, and no more than --jobs runs play at once.
            using var playing = new SemaphoreSlim(1, 1);
            var chunks = new SweepChunks(setup, sweepId, analyse, stores?.Store, playing);
            var total = setup.Total;
            var done = 0L;
            // Said when the sweep starts (cli.md 1.2), so an interrupted one can be taken up with the same --id.
            await cli.Error.WriteLineAsync($"sweep {sweepId}: {total:N0} runs ({plan.Describe(range.Count)})" +
                                           (stores is null ? ", none stored" : $", stored; `--id {sweepId}` takes it up again if it stops") +
                                           (settings is null ? "" : $", shared by the cluster at {seedNodes}"));
            var job = settings is null ? null : new SweepJob(Path.GetFileName(path), await File.ReadAllTextAsync(path, ct), parse.GetValue(seeds)!, parse.GetValue(vary) ?? [],
                parse.GetValue(design)!, parse.GetValue(samples), parse.GetValue(discover), sweepId, analyse, connection);
            ClusterSweep? shared = null;
            await using var leave = new Leaving(() => shared);
            try
            {
                // Joining the cluster may wait for its seed nodes: a Ctrl-C then is the sweep's cancellation too.
                if (settings is not null)
                    shared = await ClusterSweep.StartAsync(settings, sweepId, job!.ToJson(), resumed: existing.Count > 0,
                        notice: line => cli.Error.WriteLine($"{(cli.Terminal ? "\r" : "")}sweep {sweepId}: {line}"), ct);
                var clock = Stopwatch.StartNew();
                // A window of chunks in flight, on this machine's cores or among a cluster's nodes (the back-pressure),
                // their results taken in the sweep's order.
                var window = new Queue<(long Start, int Count, Task<SweepRunResult[]> Results)>();
                var next = 0L;
                while (next < total || window.Count > 0)
                {
                    while (next < total && window.Count < (shared is null ? LocalWindow : ClusterWindow))
                    {
                        var (start, count) = (next, (int)Math.Min(SweepChunks.Size, total - next));
                        window.Enqueue((start, count, shared is null
                            ? chunks.PlayAsync(start, count, workers, existing, ct)
                            : Remote(shared, start / SweepChunks.Size, start, count, ct)));
                        next += count;
                    }
                    var (first, size, played) = window.Dequeue();
                    var results = await played;
                    var positions = chunks.Positions(first, size);
                    var rows = new List<object?[]>();
                    for (var i = 0; i < size; i++)
                    {
                        var at = positions[i];
                        aggregate.Add(results[i]);
                        if (at.Point is { } point) tallies?[at.Cell].Add(point, results[i]);
                        if (files.Count > 0) rows.AddRange(table.Rows(sweepId, at.RunId(sweepId), at.Point ?? at.Cell, plan.Inputs(at), results[i]));
                    }
                    foreach (var f in files) await f.WriteAsync(rows, ct);
                    done += size;
                    if (cli.Terminal) Progress(cli, done, total, clock.Elapsed);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Taken up by the same sweep again, not by `resume` (which continues one run).
                await cli.Error.WriteLineAsync(stores is null
                    ? $"negotiate: cancelled after {done:N0} of {total:N0} runs; a sweep without --db keeps no runs"
                    : $"negotiate: cancelled after {done:N0} of {total:N0} runs; the runs stored are kept, and the same command with `--id {sweepId}` skips them");
                return ExitCodes.DifferenceOrFailure;
            }
            catch (SweepAbandonedException e)
            {
                await cli.Error.WriteLineAsync($"negotiate: the sweep stopped after {done:N0} of {total:N0} runs: {e.Message}" +
                                               (stores is null ? "" : $"; the runs stored are kept, and the same command with `--id {sweepId}` skips them"));
                return ExitCodes.DifferenceOrFailure;
            }
            if (cli.Terminal) await cli.Error.WriteLineAsync();

            await closeFiles.DisposeAsync();
            var summary = plan.Explain(aggregate.Summary(sweepId, scenario.Name, range), tallies);
            if (parse.GetValue(report) is { } reportPath)
                await File.WriteAllTextAsync(reportPath, SweepReport.Html(summary, scenario, grid.Count > 0 ? [.. grid[0].Values.Keys] : []), ct);
            if (parse.GetValue(json))
            {
                await SummaryJson.WriteAsync(cli.Output, summary, ct);
                await cli.Output.WriteLineAsync();
                return ExitCodes.Done;
            }
            Render(cli.Console, summary, range);
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>The cluster a sweep joins: through its seed nodes, on a free port, at NEGOTIATION_CLUSTER_HOST or an address of its own.</summary>
    private static ClusterSettings Cluster(string seedNodes)
    {
        var settings = ClusterSettings.Parse(seedNodes, Environment.GetEnvironmentVariable(NodeCommand.HostVariable), 0, out var problem);
        return problem is null ? settings : throw new BadInputException($"--cluster {problem}");
    }

    /// <summary>A chunk played by some worker node of the cluster, its results read back as that node wrote them.</summary>
    private static async Task<SweepRunResult[]> Remote(ClusterSweep shared, long index, long start, int count, CancellationToken ct) =>
        SweepJob.Results(await shared.PlayAsync(index, start, count, ct));

    private static void Progress(CliContext cli, long done, long total, TimeSpan elapsed)
    {
        var rate = done / Math.Max(elapsed.TotalSeconds, 1e-3);
        // The first seconds are the JIT's: a time left said then was eight times too long (issue 20).
        var left = elapsed < TimeSpan.FromSeconds(2) ? "estimating" : $"{TimeSpan.FromSeconds((total - done) / Math.Max(rate, 1e-3)):hh\\:mm\\:ss} left";
        cli.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  {done:N0} / {total:N0} runs · {rate:N0} runs/s · {left}   "));
    }

    /// <summary>Leaves the cluster, if the sweep joined one, whether it ends or stops.</summary>
    private sealed class Leaving(Func<ClusterSweep?> shared) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (shared() is { } sweep) await sweep.DisposeAsync();
        }
    }

    /// <summary>Closes the table files once, whether the sweep ends or stops.</summary>
    private sealed class Closing(List<ITableFile> files) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var f in files) await f.DisposeAsync();
            files.Clear();
        }
    }

    /// <summary>
    /// A <c>--vary</c> list: <c>V1,V2,...</c>, or (cli.md 1.2) a YAML flow list <c>[V1, V2, ...]</c> whose values may
    /// hold commas inside their own brackets, braces or quotes: <c>agency.tactics=[[{do: designate}], []]</c>.
    /// Each value is passed on as written.
    /// </summary>
    internal static string[] Values(string text, string option)
    {
        if (!text.StartsWith('[')) return text.Split(',', StringSplitOptions.TrimEntries);
        if (!text.EndsWith(']')) throw new BadInputException($"--vary {option}: a list that opens with `[` must close with `]`");
        var values = new List<string>();
        var depth = 0;
        char? quote = null;
        var start = 1;
        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (quote is { } q) { if (c == q) quote = null; continue; }
            switch (c)
            {
                case '"' or '\'': quote = c; break;
                case '[' or '{': depth++; break;
                case ']' or '}' when depth == 0: throw new BadInputException($"--vary {option}: `{c}` closes nothing at position {i + 1}");
                case ']' or '}': depth--; break;
                case ',' when depth == 0:
                    values.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        if (depth != 0 || quote is not null) throw new BadInputException($"--vary {option}: a bracket, brace or quote is left open");
        var last = text[start..^1].Trim();
        if (last.Length > 0 || values.Count > 0) values.Add(last);
        return [.. values];
    }

    private static void Render(IAnsiConsole console, SweepSummary sweep, IReadOnlyList<int> seeds)
    {
        console.MarkupLine($"[bold]{Transcript.Esc(sweep.Scenario)}[/] · sweep {Transcript.Esc(sweep.Sweep)} · {sweep.Cells.Count} cell(s) × {seeds.Count} seeds ({seeds[0]}..{seeds[^1]})");
        var results = Enum.GetValues<OutcomeResult>().Where(r => r != OutcomeResult.Open).ToArray();
        var rulings = new[] { (LitigationStatus.InjunctionGranted, "granted"), (LitigationStatus.InjunctionDenied, "denied") };
        // A column per varied path, named by its path, each cell's value in it: readable however long the path.
        var paths = sweep.Cells.Count > 0 ? sweep.Cells[0].Values.Keys.ToList() : [];
        var table = new Table().Border(TableBorder.Rounded);
        if (paths.Count == 0) table.AddColumn("Cell");
        foreach (var path in paths) table.AddColumn(Transcript.Esc(path));
        table.AddColumn("Vendor");
        foreach (var r in results) table.AddColumn(Transcript.Kebab(r));
        foreach (var (_, name) in rulings) table.AddColumn(name);
        table.AddColumn("Mean values (every run)");
        table.AddColumn("Mean payoffs");
        table.AddColumn("Mean utilities of agreements");
        foreach (var cell in sweep.Cells)
            foreach (var v in cell.Vendors)
            {
                var first = v == cell.Vendors[0];
                var cells = new List<string>();
                if (paths.Count == 0) cells.Add(first ? "(as written)" : "");
                cells.AddRange(paths.Select(p => first ? Transcript.Esc(cell.Values[p]) : ""));
                cells.Add(Transcript.Esc(v.Vendor));
                cells.AddRange(results.Select(r => v.Results[r].ToString(CultureInfo.InvariantCulture)));
                cells.AddRange(rulings.Select(l => v.Litigation[l.Item1].ToString(CultureInfo.InvariantCulture)));
                cells.Add(v.MeanValues is null ? "" : Transcript.Utilities(v.MeanValues));
                cells.Add(first && cell.MeanPayoffs.Count > 0 ? Transcript.Utilities(cell.MeanPayoffs) : "");
                cells.Add(v.MeanUtilities is null ? "" : Transcript.Utilities(v.MeanUtilities));
                table.AddRow(cells.ToArray());
            }
        console.Write(table);
        console.MarkupLine("[grey]values: what each negotiation's ending was worth to both its sides, over every run (format 1.2); " +
                           "payoffs: a vendor's value, the agency's the mean of its values over its vendors[/]");
    }
}
