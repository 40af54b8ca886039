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
        var untilRound = new Option<int?>("--until-round") { Description = "stop at the end of round N and show where each negotiation stood" };
        var json = Options.Json();
        var command = new Command("replay", "rebuild a stored run from its events alone and print what `run` printed") { run, db, until, untilRound, json };
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(run)!;
            var events = await Stores.ReadRunAsync(runId, Stores.ConnectionString(parse.GetValue(db)), ct);
            var id = Stores.RunName(runId);
            if (parse.GetValue(until) is not null && parse.GetValue(untilRound) is not null)
                throw new BadInputException("--until and --until-round: give one or the other");
            var lastRound = events[^1].Event.Round;
            var cut = parse.GetValue(until) is { } n
                ? n >= 1 && n <= events.Count ? (Count: (int)n, Where: $"After event {n}") : throw new BadInputException($"--until {n}: the run has events 1 to {events.Count}")
                : parse.GetValue(untilRound) is { } r
                    ? r >= 0 && r <= lastRound
                        ? (Count: events.TakeWhile(e => e.Event.Round <= r).Count(), Where: $"At the end of round {r}")
                        : throw new BadInputException($"--until-round {r}: the run has rounds 0 to {lastRound}")
                    : (Count: events.Count, Where: "");
            if (cut.Count < events.Count)
            {
                var upTo = events.Take(cut.Count).ToList();
                if (parse.GetValue(json))
                {
                    await Output.ShowAsync(cli, id, upTo, true, null);
                    return ExitCodes.Done;
                }
                await Output.ShowAsync(cli, id, upTo, false, null);
                var state = Evolution.Fold(upTo.Select(e => e.Event));
                Tables.StateAt(cli.Console, state, $"{cut.Where} (round {state.Round})");
                return ExitCodes.Done;
            }
            await Output.ShowAsync(cli, id, events, parse.GetValue(json), null);
            return ExitCodes.Done;
        });
        return command;
    }
}
