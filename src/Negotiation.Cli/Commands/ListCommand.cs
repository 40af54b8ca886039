using System.CommandLine;
using System.Globalization;
using Negotiation.Cli.Rendering;
using Spectre.Console;

namespace Negotiation.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliContext cli)
    {
        var db = Options.Db();
        var scenario = new Option<string?>("--scenario") { Description = "only the runs of this scenario (its name)" };
        var prefix = new Option<string?>("--run") { Description = "only the runs whose id starts with this (a sweep's id lists its runs)" };
        var limit = new Option<int?>("--limit") { Description = "at most this many runs, the newest" };
        var command = new Command("list", "the stored runs: id, scenario, when, outcomes, unfinished runs marked; forks under their parents") { db, scenario, prefix, limit };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(limit) is < 1) throw new BadInputException($"--limit {parse.GetValue(limit)}: at least 1");
            await using var stores = await Stores.OpenAsync(Stores.ConnectionString(parse.GetValue(db)), ct);
            var all = await stores.Store.ListRunsAsync(ct);
            // A store of a sweep's 8,276 runs printed them all (issue 20): filters, and the newest N.
            var runs = all.Where(r => parse.GetValue(scenario) is not { } name || r.Scenario == name)
                .Where(r => parse.GetValue(prefix) is not { } start || r.RunId.StartsWith(start, StringComparison.Ordinal)).ToList();
            var matching = runs.Count;
            if (parse.GetValue(limit) is { } most && runs.Count > most)
            {
                var newest = runs.OrderByDescending(r => r.Started).Take(most).ToHashSet();
                runs = runs.Where(newest.Contains).ToList();
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Run", "Scenario", "Seed", "Started (UTC)", "Events", "Round", "Status", "Outcomes");
            var byParent = runs.Where(r => r.ParentRunId is not null).ToLookup(r => r.ParentRunId!);
            var ids = runs.Select(r => r.RunId).ToHashSet();

            void Add(Core.Storage.RunListing run, int depth)
            {
                table.AddRow(
                    Transcript.Esc(new string(' ', depth * 2) + (depth > 0 ? "└ " : "") + run.RunId),
                    Transcript.Esc(run.Scenario),
                    run.Seed.ToString(CultureInfo.InvariantCulture),
                    run.Started?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                    run.Events.ToString(CultureInfo.InvariantCulture),
                    run.Round.ToString(CultureInfo.InvariantCulture),
                    run.Concluded ? run.Status : "[yellow]unfinished[/]",
                    Transcript.Esc(string.Join(", ", run.Outcomes.Select(o =>
                        $"{o.Vendor}: {Transcript.Kebab(o.Result)}"))));
                foreach (var child in byParent[run.RunId]) Add(child, depth + 1);
            }

            foreach (var run in runs.Where(r => r.ParentRunId is null || !ids.Contains(r.ParentRunId))) Add(run, 0);
            if (all.Count == 0) cli.Console.MarkupLine($"[grey]no runs yet in {Transcript.Esc(stores.Where)}[/]");
            else if (runs.Count == 0) cli.Console.MarkupLine($"[grey]none of the {all.Count:N0} runs in {Transcript.Esc(stores.Where)} matches[/]");
            else cli.Console.Write(table);
            if (runs.Count < matching) cli.Console.MarkupLine($"[grey]the newest {runs.Count:N0} of {matching:N0} runs; --limit shows more[/]");
            foreach (var run in runs.Where(r => !r.Concluded))
                cli.Console.MarkupLine($"[yellow]{Transcript.Esc(run.RunId)} is unfinished[/] (stopped after round {run.Round}, {run.Events} events): " +
                                       $"`negotiate resume {Transcript.Esc(run.RunId)}` finishes it");
            return ExitCodes.Done;
        });
        return command;
    }
}
