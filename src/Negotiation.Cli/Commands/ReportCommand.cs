using System.CommandLine;
using Negotiation.Presentation;

namespace Negotiation.Cli.Commands;

/// <summary>`negotiate report RUN... --out F.html`: the class debrief, for any stored runs of one scenario.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext cli)
    {
        var runs = new Argument<string[]>("RUN") { Description = "run ids (the local run store, or the database with --db) or .jsonl event files", Arity = ArgumentArity.OneOrMore };
        var db = Options.Db();
        var @out = new Option<string>("--out") { Description = "the HTML file to write", Required = true };
        var command = new Command("report", "the debrief of several runs of one scenario side by side, as one self-contained HTML file") { runs, db, @out };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(@out)!;
            Options.CheckOut(path);
            var connection = Stores.ConnectionString(parse.GetValue(db));
            var read = new List<(string, IReadOnlyList<Core.Events.RunEvent>)>();
            Core.Model.Scenario? first = null;
            foreach (var run in parse.GetValue(runs)!)
            {
                var events = (await Stores.ReadRunAsync(run, connection, ct)).Select(e => e.Event).ToList();
                var scenario = Core.Engine.Evolution.Fold(events).Scenario;
                if (first is not null && Core.Engine.Rules.KeepsShape(first, scenario) is { Allowed: false })
                    throw new BadInputException($"{run}: not the same negotiation as {Stores.RunName(parse.GetValue(runs)![0])} (its parties or terms differ)");
                first ??= scenario;
                read.Add((Stores.RunName(run), events));
            }
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, Debrief.Html($"Debrief: {first!.Title ?? first.Name}", read), ct);
            File.Move(temp, path, overwrite: true);
            await cli.Output.WriteLineAsync($"debrief of {read.Count} run{(read.Count == 1 ? "" : "s")} written to {path}");
            return ExitCodes.Done;
        });
        return command;
    }
}
