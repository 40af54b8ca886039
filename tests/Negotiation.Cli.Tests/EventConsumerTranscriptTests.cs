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

/// <summary>Issue 22: the terminal's minutes and the plain minutes each kept what they remembered, and their rulings-due trackers disagreed.</summary>
public class MinutesMemoryTests
{
    [Theory]
    [InlineData("refuse-and-litigate.yaml")]
    [InlineData("does-refusing-pay.yaml")]
    [InlineData("the-whole-story.yaml")]
    public void The_terminal_and_the_plain_minutes_say_alike_why_a_round_past_the_deadline_is_played(string file)
    {
        var scenario = Negotiation.Scenarios.ScenarioLoader.Load(Cli.Scenario(file)).Scenario!;
        var events = Core.Engine.Simulation.Run(scenario, scenario.Seed);
        var plain = Core.Reports.PlainMinutes.Lines("run", events).Where(l => l.Contains("past the deadline", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('(') + 1)..^1]).Distinct().ToList();
        var output = new StringWriter();
        var minutes = new Transcript.Minutes(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), ColorSystem = ColorSystemSupport.NoColors }), "run");
        var terminal = events.Select(minutes.Line).OfType<string>().Where(l => l.Contains("past the deadline", StringComparison.Ordinal))
            .Select(l => Markup.Remove(l).Trim()).Distinct().ToList();

        Assert.Equal(plain, terminal);
        if (file == "refuse-and-litigate.yaml") Assert.NotEmpty(plain);
    }
}
