using Negotiation.Cli.Rendering;
using Negotiation.Testing;
using Spectre.Console;

namespace Negotiation.Cli.Tests;

/// <summary>The terminal's minutes, a consumer of every event too (see the core's EventConsumerTests), for the instructor and for one player.</summary>
public class EventConsumerTranscriptTests
{
    [Fact]
    public void The_terminal_minutes_tell_every_event_or_say_where_it_is_told_instead()
    {
        var samples = EventSamples.Each();
        Assert.Empty(EventSamples.Missing(samples));
        foreach (var (opening, e) in samples)
            foreach (var viewer in new[] { null, "anthropic" })
            {
                var minutes = new Transcript.Minutes(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) }), "sample", opening.Scenario, viewer);
                _ = minutes.Line(e);
            }
    }
}
