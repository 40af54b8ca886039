using System.CommandLine;
using Negotiation.Actors;

namespace Negotiation.Cli.Commands;

internal static class ResumeCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Argument<string>("RUN") { Description = "the id of a stored run (the local run store, or the database with --db)" };
        var db = Options.Db();
        var json = Options.Json();
        var command = new Command("resume", "continue a run whose process stopped between rounds, to the end it would have reached") { run, db, json };
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(run)!;
            if (Stores.IsEventFile(runId))
                throw new BadInputException($"{runId}: resume continues a stored run by its id; an event file is continued with `negotiate fork FILE --at-round N`");
            var connection = Stores.ConnectionString(parse.GetValue(db));
            if (connection is null && !Persistence.LocalRunStore.IsValidRunId(runId)) throw new BadInputException($"`{runId}` is not a run id");
            await using var stores = await Stores.OpenAsync(connection, ct);
            IReadOnlyList<Core.Storage.StoredEvent> stored;
            try
            {
                stored = await stores.Store.ReadAsync(runId, null, ct);
            }
            catch (InvalidDataException e)
            {
                throw new BadInputException(e.Message);
            }
            if (stored.Count == 0) throw new BadInputException($"no run `{runId}` in {stores.Where}");
            // A stored run is outside input, checked as an event file is, before anything goes on from it (issue 22:
            // a damaged run said "stopped unexpectedly (0 events kept)", exit 1, when 21 were kept).
            Stores.Checked(stored, runId);
            if (stored[^1].Event is not Core.Events.RunConcluded)
            {
                await using var engine = await NegotiationEngine.StartAsync(stores.Store, ct);
                stored = (await stores.GuardAsync(runId, () => engine.ContinueAsync(runId, ct))).Events;
            }
            await Output.ShowAsync(cli, runId, stored, parse.GetValue(json), null);
            return ExitCodes.Done;
        });
        return command;
    }
}
