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
        var command = new Command("plot", "draw a stored run's concession curves, threats and signatures as an SVG file") { run, db, @out };
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(run)!;
            var path = parse.GetValue(@out)!;
            Options.CheckOut(path);
            var events = await Stores.ReadRunAsync(runId, Stores.ConnectionString(parse.GetValue(db)), ct);
            var id = Stores.RunName(runId);
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, ConcessionPlot.Svg(id, events.Select(e => e.Event).ToList()), ct);
            File.Move(temp, path, overwrite: true);
            await cli.Output.WriteLineAsync($"concession curves written to {path}");
            return ExitCodes.Done;
        });
        return command;
    }
}
