using System.CommandLine;
using Negotiation.Actors;

namespace Negotiation.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "the scenario file (YAML)" };
        var seed = new Option<int?>("--seed") { Description = "seed for every random draw (default: the file's seed)" };
        var db = Options.Db();
        var @out = Options.Out();
        var json = Options.Json();
        var play = new Option<string?>("--play") { Description = "play this party yourself, at the keyboard (prompts on standard error)" };
        var inMemory = Options.InMemory();
        var command = new Command("run", "run a scenario: a transcript round by round, then the outcomes and the audit") { file, seed, db, @out, json, play, inMemory };
        command.SetAction(async (parse, ct) =>
        {
            var scenario = Options.LoadScenario(parse.GetValue(file)!);
            Options.CheckOut(parse.GetValue(@out));
            var runSeed = parse.GetValue(seed) ?? scenario.Seed;
            var person = parse.GetValue(play);
            if (person is not null && scenario.Parties.All(p => p.Id != person))
                throw new BadInputException($"--play {person}: no such party; the parties are {string.Join(", ", scenario.Parties.Select(p => p.Id))}");
            await using var stores = await Stores.OpenAsync(Stores.ConnectionString(parse.GetValue(db)), ct, parse.GetValue(inMemory));
            await using var engine = await NegotiationEngine.StartAsync(stores.Store, ct,
                person is null ? null : new Interaction.ConsolePlayer(cli.Input, cli.Error, cli.EchoInput, cli.Console.Profile.Width));
            var runId = RunIds.New(scenario.Name, runSeed);
            var finished = await stores.GuardAsync(runId, () => engine.RunAsync(runId, scenario, runSeed, ct, person is null ? null : [person]));
            await Output.ShowAsync(cli, runId, finished.Events, parse.GetValue(json), parse.GetValue(@out));
            return ExitCodes.Done;
        });
        return command;
    }
}
