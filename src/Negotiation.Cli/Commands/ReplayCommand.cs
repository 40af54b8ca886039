using System.CommandLine;
using Negotiation.Cli.Rendering;
using Negotiation.Core.Engine;

namespace Negotiation.Cli.Commands;

internal static class ReplayCommand
{
    public static Command Create(CliContext cli)
    {
        var run = Options.Run();
        var db = Options.Db();
        var until = new Option<long?>("--until") { Description = "stop after event N and show where each negotiation stood" };
        var json = Options.Json();
        var command = new Command("replay", "rebuild a stored run from its events alone and print what `run` printed") { run, db, until, json };
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(run)!;
            var events = await Stores.ReadRunAsync(runId, Stores.ConnectionString(parse.GetValue(db)), ct);
            var id = Stores.RunName(runId);
            if (parse.GetValue(until) is { } n)
            {
                if (n < 1 || n > events.Count) throw new BadInputException($"--until {n}: the run has events 1 to {events.Count}");
                var upTo = events.Take((int)n).ToList();
                if (parse.GetValue(json))
                {
                    await Output.ShowAsync(cli, id, upTo, true, null);
                    return ExitCodes.Done;
                }
                Transcript.Write(cli.Console, id, upTo);
                Tables.StateAt(cli.Console, Evolution.Fold(upTo.Select(e => e.Event)), n);
                return ExitCodes.Done;
            }
            await Output.ShowAsync(cli, id, events, parse.GetValue(json), null);
            return ExitCodes.Done;
        });
        return command;
    }
}
