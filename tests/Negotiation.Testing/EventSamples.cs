using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Testing;

/// <summary>
/// One event of every registered type, each after the opening of the run it belongs to (the whole story): what
/// the consumer-coverage tests feed to every consumer of events. Most come from simulated runs of the article's
/// stories; the rest (events only a person, an instructor, a fork or a ruling bring) are written by hand with the
/// story's ids. <see cref="Missing"/> says which registered types have no sample, so a new event fails its test.
/// </summary>
public static class EventSamples
{
    public static IReadOnlyList<(NegotiationOpened Opening, RunEvent Event)> Each()
    {
        var samples = new Dictionary<Type, (NegotiationOpened, RunEvent)>();
        foreach (var (scenario, seed) in new[] { (Stories.WholeStory(), 7), (Stories.BreakEven(0.6), 7), (Stories.BreakEven(0.9), 3) })
        {
            var events = Simulation.Run(scenario, seed);
            var opening = (NegotiationOpened)events[0];
            foreach (var e in events) samples.TryAdd(e.GetType(), (opening, e));
        }
        var story = (NegotiationOpened)Simulation.Run(Stories.WholeStory(), 7)[0];
        var term = story.Scenario.Terms[1];
        RunEvent[] byHand =
        [
            new NewsReported(2, "The inspector general opens an inquiry"),
            new OptionLocked(2, "openai", term.Id, term.Options[^1], "A court order closes the option"),
            new OptionUnlocked(2, "openai", term.Id, term.Options[^1], null),
            new PartyNumberSet(2, "dow", "reservation", 0.5, "Congress cuts the budget"),
            new WalkedAway(3, "anthropic", "nothing signable is left"),
            new ThreatLapsed(4, "anthropic"),
            new ThreatMet(4, "anthropic"),
            new RedLinesDropped(4, "anthropic", [story.Scenario.Vendor("anthropic").RedLines[0].Id], [story.Scenario.Agency.RedLines[0].Id]),
            new DeadlinePassed(10, ["anthropic"]),
            new RedLineDropped(3, "anthropic", "anthropic", story.Scenario.Vendor("anthropic").RedLines[0].Id),
            new VendorExited(5, "anthropic"),
            new DesignationLifted(6, "anthropic", 9),
            new RunForked(3, "parent-run", 3, story.Scenario, ["rounds: 12"]),
            new WorldAnnounced(2, new WorldEvent(4, "Congress opens an inquiry", null, null, null)) { BringsForward = [] },
            new PolicyStoodIn(2, "anthropic", "the round's time ran out"),
            new ChoiceWeighed(3, "anthropic", WeighedQuestion.Threat, "hold", [new Estimate("hold", 0.4), new Estimate("concede", 0.3)], 0.6),
        ];
        foreach (var e in byHand) samples.TryAdd(e.GetType(), (story, e));
        return [.. samples.Values];
    }

    /// <summary>The registered event types no sample covers.</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<(NegotiationOpened Opening, RunEvent Event)> samples) =>
        EventTypes.Registered.Select(r => r.Type).Except(samples.Select(s => s.Event.GetType())).Select(t => t.Name).Order().ToList();
}
