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
        var command = new Command("list", "the stored runs: id, scenario, when, outcomes, unfinished runs marked; forks under their parents") { db };
        command.SetAction(async (parse, ct) =>
        {
            await using var stores = await Stores.OpenAsync(Stores.ConnectionString(parse.GetValue(db)), ct);
            var runs = await stores.Store.ListRunsAsync(ct);
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
            if (runs.Count == 0) cli.Console.MarkupLine($"[grey]no runs yet in {Transcript.Esc(stores.Where)}[/]");
            else cli.Console.Write(table);
            foreach (var run in runs.Where(r => !r.Concluded))
                cli.Console.MarkupLine($"[yellow]{Transcript.Esc(run.RunId)} is unfinished[/] (stopped after round {run.Round}, {run.Events} events): " +
                                       $"`negotiate resume {Transcript.Esc(run.RunId)}` finishes it");
            return ExitCodes.Done;
        });
        return command;
    }
}
