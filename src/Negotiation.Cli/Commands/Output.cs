using Negotiation.Cli.Rendering;
using Negotiation.Core.Reports;
using Negotiation.Core.Storage;
using Negotiation.Persistence;
using Spectre.Console;

namespace Negotiation.Cli.Commands;

/// <summary>How a finished (or replayed) run is shown: the summary as JSON, or the transcript and tables.</summary>
internal static class Output
{
    public static async Task ShowAsync(CliContext cli, string runId, IReadOnlyList<StoredEvent> events, bool json, string? outFile)
    {
        if (outFile is not null) EventFile.Write(outFile, events);
        if (json)
        {
            await cli.Output.WriteLineAsync(SummaryJson.Serialize(RunSummary.From(runId, events.Select(e => e.Event).ToList())));
            return;
        }
        if (cli.Plain)
        {
            foreach (var line in PlainMinutes.Lines(runId, events.Select(e => e.Event).ToList())) await cli.Output.WriteLineAsync(line);
            cli.Console.WriteLine();
            Transcript.Tables(cli.Console, runId, events.Select(e => e.Event).ToList());
        }
        else Transcript.Write(cli.Console, runId, events);
        if (outFile is not null) cli.Console.MarkupLine($"[grey]events written to {Transcript.Esc(outFile)}[/]");
    }
}
