using System.CommandLine;
using Negotiation.Cli.Rendering;

namespace Negotiation.Cli.Commands;

/// <summary>An addition to cli.md: the concession curves of a stored run as an SVG file.</summary>
internal static class PlotCommand
{
    public static Command Create(CliContext cli)
    {
        var run = Options.Run();
        var db = Options.Db();
        var @out = new Option<string>("--out") { Description = "the SVG file to write", Required = true };
        var compare = new Option<string?>("--compare") { Description = "draw this run (a fork's parent, say) in grey under RUN" };
        var command = new Command("plot", "draw a stored run's concession curves, threats and signatures as an SVG file") { run, db, @out, compare };
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(run)!;
            var path = parse.GetValue(@out)!;
            Options.CheckOut(path);
            var connection = Stores.ConnectionString(parse.GetValue(db));
            var events = await Stores.ReadRunAsync(runId, connection, ct);
            var id = Stores.RunName(runId);
            IReadOnlyList<Core.Events.RunEvent>? parent = null;
            if (parse.GetValue(compare) is { } other)
            {
                var compared = await Stores.ReadRunAsync(other, connection, ct);
                if (Core.Engine.Evolution.Fold(compared.Select(e => e.Event)).Scenario is var theirs &&
                    Core.Engine.Rules.KeepsShape(theirs, Core.Engine.Evolution.Fold(events.Select(e => e.Event)).Scenario) is { Allowed: false })
                    throw new BadInputException($"--compare {other}: not the same negotiation (its parties or terms differ), so its curves cannot be drawn over {id}'s");
                parent = compared.Select(e => e.Event).ToList();
            }
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, ConcessionPlot.Svg(id, events.Select(e => e.Event).ToList(), parent, parse.GetValue(compare) is { } c ? Stores.RunName(c) : null), ct);
            File.Move(temp, path, overwrite: true);
            await cli.Output.WriteLineAsync($"concession curves written to {path}");
            return ExitCodes.Done;
        });
        return command;
    }
}
