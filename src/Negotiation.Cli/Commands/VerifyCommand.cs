using System.CommandLine;
using Negotiation.Actors;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;
using Negotiation.Persistence;

namespace Negotiation.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create(CliContext cli)
    {
        var run = Options.Run();
        var db = Options.Db();
        var command = new Command("verify", "run the stored scenario again with its seed and compare the two event streams") { run, db };
        command.SetAction(async (parse, ct) =>
        {
            var stored = await Stores.ReadRunAsync(parse.GetValue(run)!, Stores.ConnectionString(parse.GetValue(db)), ct);
            var again = await RerunAsync(stored.Select(e => e.Event).ToList(), ct);
            var expected = stored.Select(e => Describe(e.Event)).ToList();
            var actual = again.Select(Describe).ToList();
            for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
            {
                var a = i < expected.Count ? expected[i] : "(no event)";
                var b = i < actual.Count ? actual[i] : "(no event)";
                if (a == b) continue;
                await cli.Output.WriteLineAsync($"the streams differ at event {i + 1}:");
                await cli.Output.WriteLineAsync($"  stored: {a}");
                await cli.Output.WriteLineAsync($"  re-run: {b}");
                return ExitCodes.DifferenceOrFailure;
            }
            await cli.Output.WriteLineAsync($"verified: the re-run gives the same {expected.Count} events");
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>
    /// The scenario of the first event, run again with its seed through the actors. A fork is re-run from its
    /// own start: the parent's events it shares, its fork event, then the engine.
    /// </summary>
    public static async Task<IReadOnlyList<RunEvent>> RerunAsync(IReadOnlyList<RunEvent> events, CancellationToken ct)
    {
        if (events.FirstOrDefault() is not NegotiationOpened opened) throw new BadInputException("the run does not start with NegotiationOpened");
        var store = new InMemoryEventStore();
        // A person's moves cannot be asked for again: they are read back from the stored run.
        // So are the world events an instructor announced live.
        var recorded = opened.Humans is { Count: > 0 } || events.Any(e => e is WorldAnnounced);
        await using var engine = await NegotiationEngine.StartAsync(store, ct, recorded ? new RecordedMoveSource(events) : null);
        var forkAt = events.ToList().FindLastIndex(e => e is RunForked);
        // Played as it was opened: a run recorded before the script was offered to persons made it for them.
        if (forkAt < 0) return (await engine.RunAsync("verify", opened.Scenario, opened.Seed, ct, opened.Humans, opened.ScriptOffered == true)).Events.Select(e => e.Event).ToList();
        // A fork is re-run the way it was made: its shared events, the fork decided again, then the engine.
        var forked = (RunForked)events[forkAt];
        var fork = new ForkRun(forked.ParentRunId, forked.AtRound, forked.Scenario, forked.Changes);
        return (await engine.ForkAsync("verify", events.Take(forkAt).ToList(), fork, ct)).Events.Select(e => e.Event).ToList();
    }

    private static string Describe(RunEvent e) => $"{EventTypes.NameOf(e)} {EventJson.Serialize(e)}";
}
