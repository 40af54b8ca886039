using System.CommandLine;
using Negotiation.Actors;
using Negotiation.Core.Engine;
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
        var inMemory = Options.InMemory();
        var command = new Command("fork", "a what-if: a new run that shares RUN's events up to round N, then goes on under the changed scenario")
        {
            run, atRound, set, db, @out, json, inMemory,
        };
        command.SetAction(async (parse, ct) =>
        {
            var parentId = parse.GetValue(run)!;
            var connection = Stores.ConnectionString(parse.GetValue(db));
            var parent = await Stores.ReadRunAsync(parentId, connection, ct);
            var round = parse.GetValue(atRound);
            var lastRound = parent.Count == 0 ? 0 : parent[^1].Event.Round;
            if (round < 0 || round > lastRound)
                throw new BadInputException($"--at-round {round}: the run goes from round 0 to {lastRound}");
            Options.CheckOut(parse.GetValue(@out));

            var shared = parent.TakeWhile(e => e.Event.Round <= round).Select(e => e.Event).ToList();
            var state = Core.Engine.Evolution.Fold(shared);
            var assignments = parse.GetValue(set) ?? [];
            var (changed, problems) = ScenarioPaths.Apply(state.Scenario, assignments);
            if (problems.Count > 0)
            {
                foreach (var p in problems) await cli.Error.WriteLineAsync(p);
                return ExitCodes.BadInput;
            }

            var fork = new ForkRun(Stores.RunName(parentId), round, changed!, assignments.ToList());
            // The rule the run's writer enforces, asked first so that a refusal is bad input with nothing stored.
            if (Rules.MayFork(state, round, fork.Scenario) is { Allowed: false } refused)
                throw new BadInputException($"--at-round {round}: {refused.Reason}");
            await using var stores = await Stores.OpenAsync(connection, ct, parse.GetValue(inMemory));
            var runId = RunIds.New(changed!.Name, changed.Seed);
            await using var engine = await NegotiationEngine.StartAsync(stores.Store, ct);
            var finished = await stores.GuardAsync(runId, () => engine.ForkAsync(runId, shared, fork, ct));
            await Output.ShowAsync(cli, runId, finished.Events, parse.GetValue(json), parse.GetValue(@out));
            return ExitCodes.Done;
        });
        return command;
    }
}
