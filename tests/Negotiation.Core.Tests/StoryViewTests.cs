using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Seats;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// classroom.md 1.1, "students read a story, not numbers": a seat names parties, says what its strategy does in
/// words, and marks what the story reports apart from what the exercise plays out and what people say.
/// </summary>
public class StoryViewTests
{
    private static Scenario Story()
    {
        var story = Stories.WholeStory();
        var refuser = story.Vendor("anthropic");
        return story with
        {
            Background = "A department buys AI from three vendors.",
            // The threat's answer is reported; the designation's statement is the exercise's.
            Vendors = [.. story.Vendors.Select(v => v.Id != "anthropic" ? v : refuser with
            {
                Statements = [refuser.Statements[0] with { Reported = true }, refuser.Statements[1]],
            })],
            Events = [story.Events[0] with { Reported = true }, new WorldEvent(3, "A court date is set", null, null, null)],
        };
    }

    [Fact]
    public void A_seat_marks_what_the_story_reports_apart_from_the_exercise_and_from_what_people_say()
    {
        var events = Simulation.Run(Story(), 7).ToList();
        events.Insert(events.FindIndex(e => e is RoundStarted { Round: 2 }) + 1, new StatementMade(2, "openai", StatementTrigger.Unprompted, "We are talking."));
        var designatedAt = events.OfType<Designated>().First(d => d.Vendor == "anthropic").Round;

        var items = SeatViews.Of(events, "xai").Public;

        string? SourceOf(string kind, string text) => items.Single(i => i.Kind == kind && i.Text == text).Source;
        Assert.Equal("reported", SourceOf("statement", Story().Vendor("anthropic").Statements[0].Text));
        Assert.Equal("exercise", SourceOf("statement", Story().Vendor("anthropic").Statements[1].Text));
        Assert.Equal("player", SourceOf("statement", "We are talking."));
        Assert.Equal("reported", SourceOf("news", Story().Events[0].Text!));
        Assert.Equal("exercise", SourceOf("news", "A court date is set"));
        Assert.Null(items.First(i => i.Kind == "designated").Source);
        Assert.True(designatedAt > 0);
    }

    [Fact]
    public void A_seat_names_the_other_side_and_every_party_and_says_what_its_strategy_does()
    {
        var events = Simulation.Run(Story(), 7);

        var vendor = SeatViews.Of(events, "openai");
        var agency = SeatViews.Of(events, "dow");

        Assert.Equal("Department of War", vendor.Negotiations.Single().WithName);
        Assert.Equal(["Anthropic", "OpenAI", "xAI"], agency.Negotiations.Select(n => n.WithName));
        Assert.Equal("xAI", vendor.Brief.PartyNames["xai"]);
        Assert.Equal("A department buys AI from three vendors.", vendor.Brief.Background);
        Assert.All(Enum.GetValues<StrategyKind>(), kind => Assert.StartsWith("when the computer moves for you, it ", Strategies.Describe(kind)));
        Assert.Equal(Strategies.Describe(StrategyKind.Conceder), vendor.Brief.StrategyText);
    }

    [Fact]
    public void A_seat_is_told_which_options_it_may_offer_now_so_that_a_page_or_a_bot_decides_no_rule()
    {
        // A scripted unlock closes the option until its round (format 1.0), as the cloud partnership does for OpenAI.
        var story = Stories.WholeStory() with { Events = [new WorldEvent(3, "A partnership", new OptionChange("openai", "usage_scope", "all-lawful-uses"), null, null)] };
        var events = Simulation.Run(story, 7);
        var before = events.TakeWhile(e => e is not RoundStarted { Round: 3 }).ToList();

        var closed = SeatViews.Of(before, "openai").Negotiations.Single().OpenOptions!;
        var opened = SeatViews.Of(events.TakeWhile(e => e is not RoundStarted { Round: 4 }).ToList(), "openai").Negotiations.Single().OpenOptions;

        Assert.DoesNotContain("all-lawful-uses", closed["usage_scope"]);
        Assert.Equal(story.Terms.Select(t => t.Id), closed.Keys);
        Assert.Contains("all-lawful-uses", opened!["usage_scope"]);
        Assert.Null(SeatViews.Of(events, "openai").Negotiations.Single().OpenOptions);
    }
}
