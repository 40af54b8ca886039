using System.CommandLine;
using Negotiation.Actors;

namespace Negotiation.Cli.Commands;

internal static class ResumeCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Argument<string>("RUN") { Description = "the id of a run in the database" };
        var db = Options.Db();
        var json = Options.Json();
        var command = new Command("resume", "continue a run whose process stopped between rounds, to the end it would have reached") { run, db, json };
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(run)!;
            var connection = Stores.ConnectionString(parse.GetValue(db))
                ?? throw new BadInputException($"resume continues a run stored in a database: give --db or set {Stores.EnvironmentVariable}");
            await using var stores = await Stores.OpenAsync(connection, ct);
            var stored = await stores.Store.ReadAsync(runId, null, ct);
            if (stored.Count == 0) throw new BadInputException($"no run `{runId}` in the database");
            if (stored[^1].Event is not Core.Events.RunConcluded)
            {
                await using var engine = await NegotiationEngine.StartAsync(stores.Store, ct);
                stored = (await engine.ContinueAsync(runId, ct)).Events;
            }
            await Output.ShowAsync(cli, runId, stored, parse.GetValue(json), null);
            return ExitCodes.Done;
        });
        return command;
    }
}
