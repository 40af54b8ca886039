using System.CommandLine;
using System.Globalization;
using Negotiation.Actors;
using Negotiation.Cli.Rendering;
using Negotiation.Core.Events;
using Negotiation.Core.Reports;
using Negotiation.Persistence;
using Spectre.Console;

namespace Negotiation.Cli.Commands;

/// <summary>An addition to cli.md: a batch of runs of one scenario over a range of seeds, in memory.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "the scenario file (YAML)" };
        var seeds = new Option<string>("--seeds") { Description = "the seeds to run, FROM..TO (default 1..20)", DefaultValueFactory = _ => "1..20" };
        var json = Options.Json();
        var command = new Command("sweep", "run a scenario over many seeds and count the outcomes (in memory)") { file, seeds, json };
        command.SetAction(async (parse, ct) =>
        {
            var range = ParseRange(parse.GetValue(seeds)!);
            var scenario = Options.LoadScenario(parse.GetValue(file)!);
            var store = new InMemoryEventStore();
            await using var engine = await NegotiationEngine.StartAsync(store, ct);
            var runs = new List<RunSummary>();
            foreach (var seed in range)
            {
                var runId = $"{scenario.Name}-s{seed}";
                var finished = await engine.RunAsync(runId, scenario, seed, ct);
                runs.Add(RunSummary.From(runId, finished.Events.Select(e => e.Event).ToList()));
            }
            var sweep = SweepSummary.From(scenario.Name, runs);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(SummaryJson.Serialize(sweep));
                return ExitCodes.Done;
            }
            Render(cli.Console, sweep);
            return ExitCodes.Done;
        });
        return command;
    }

    private static IReadOnlyList<int> ParseRange(string text)
    {
        var parts = text.Split("..");
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var from) &&
            int.TryParse(parts[1], CultureInfo.InvariantCulture, out var to) && from <= to && to - from < 10_000)
            return Enumerable.Range(from, to - from + 1).ToList();
        throw new BadInputException($"--seeds {text}: expected FROM..TO, such as 1..20 (at most 10,000 seeds)");
    }

    private static void Render(IAnsiConsole console, SweepSummary sweep)
    {
        console.MarkupLine($"[bold]{Transcript.Esc(sweep.Scenario)}[/] over {sweep.Seeds.Count} seeds ({sweep.Seeds[0]}..{sweep.Seeds[^1]})");
        var results = Enum.GetValues<OutcomeResult>().Where(r => r != OutcomeResult.Open).ToArray();
        var rulings = new[] { LitigationStatus.InjunctionGranted, LitigationStatus.InjunctionDenied };
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Vendor");
        foreach (var r in results) table.AddColumn(Transcript.Kebab(r));
        foreach (var l in rulings) table.AddColumn(Transcript.Kebab(l));
        table.AddColumn("Mean utilities of agreements");
        foreach (var v in sweep.Vendors)
        {
            var cells = new List<string> { Transcript.Esc(v.Vendor) };
            cells.AddRange(results.Select(r => v.Results[r].ToString(CultureInfo.InvariantCulture)));
            cells.AddRange(rulings.Select(l => v.Litigation[l].ToString(CultureInfo.InvariantCulture)));
            cells.Add(v.MeanUtilities is null ? "" : Transcript.Utilities(v.MeanUtilities));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }
}
