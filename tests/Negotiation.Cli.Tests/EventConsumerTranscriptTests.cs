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

    [Fact]
    public void A_player_is_told_the_news_of_another_party_s_lock_and_not_which_option_it_closes()
    {
        var opening = new Core.Events.NegotiationOpened(Stories.WholeStory(), 7);
        var locked = new Core.Events.OptionLocked(2, "openai", Stories.Surveillance.Id, "permitted", "A court rules on bulk data");
        string? Told(string? viewer)
        {
            var minutes = new Transcript.Minutes(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) }), "run", opening.Scenario, viewer);
            return minutes.Line(locked) is { } line ? Markup.Remove(line) : null;
        }

        Assert.Equal("  news  A court rules on bulk data", Told("anthropic"));
        Assert.Equal("  news  A court rules on bulk data: permitted (domestic_surveillance) is now locked for openai", Told("openai"));
        Assert.Equal(Told("openai"), Told(null));
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
