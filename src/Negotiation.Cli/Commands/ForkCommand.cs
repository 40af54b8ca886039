using System.CommandLine;
using Negotiation.Actors;
using Negotiation.Core.Events;
using Negotiation.Scenarios;

namespace Negotiation.Cli.Commands;

internal static class ForkCommand
{
    public static Command Create(CliContext cli)
    {
        var run = Options.Run();
        var atRound = new Option<int>("--at-round") { Description = "share the parent's events up to the end of this round", Required = true };
        var set = new Option<string[]>("--set") { Description = "PATH=VALUE in the scenario as written, e.g. vendors.anthropic.on_threat=concede", AllowMultipleArgumentsPerToken = false };
        var db = Options.Db();
        var @out = Options.Out();
        var json = Options.Json();
        var command = new Command("fork", "a what-if: a new run that shares RUN's events up to round N, then goes on under the changed scenario")
        {
            run, atRound, set, db, @out, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var parentId = parse.GetValue(run)!;
            var connection = Stores.ConnectionString(parse.GetValue(db));
            var parent = await Stores.ReadRunAsync(parentId, connection, ct);
            var round = parse.GetValue(atRound);
            var concludedAt = parent.Select(e => e.Event).OfType<RunConcluded>().LastOrDefault()?.Round;
            if (round < 0 || (concludedAt is { } end && round >= end))
                throw new BadInputException($"--at-round {round}: the run goes from round 0 to {concludedAt}; fork before its last round");
            Options.CheckOut(parse.GetValue(@out));

            var shared = parent.TakeWhile(e => e.Event.Round <= round).Select(e => e.Event).ToList();
            var scenario = Core.Engine.Evolution.Fold(shared).Scenario;
            var assignments = parse.GetValue(set) ?? [];
            var (changed, problems) = ScenarioPaths.Apply(scenario, assignments);
            if (problems.Count > 0)
            {
                foreach (var p in problems) await cli.Error.WriteLineAsync(p);
                return ExitCodes.BadInput;
            }

            if (changed!.Rounds <= round)
            {
                await cli.Error.WriteLineAsync($"--set rounds: error: the fork goes on after round {round}, so `rounds` must be more than {round}, not {changed.Rounds}");
                return ExitCodes.BadInput;
            }

            var parentName = Stores.RunName(parentId);
            var forkEvent = new RunForked(round, parentName, round, changed!, assignments.ToList());
            await using var stores = await Stores.OpenAsync(connection, ct);
            var runId = RunIds.New(changed!.Name, changed.Seed);
            await stores.Store.AppendAsync(runId, 0, [.. shared, forkEvent], ct);
            await using var engine = await NegotiationEngine.StartAsync(stores.Store, ct);
            var finished = await engine.ContinueAsync(runId, ct);
            await Output.ShowAsync(cli, runId, finished.Events, parse.GetValue(json), parse.GetValue(@out));
            return ExitCodes.Done;
        });
        return command;
    }
}
