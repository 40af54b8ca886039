using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Reports;
using Negotiation.Core.Seats;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// Events are a closed set (issue 22): every consumer says, for every registered event, what it does with it or
/// that it leaves it alone; none falls through a silent default. Fed one event of each type, a consumer that has
/// no case for it throws <see cref="UnhandledEventException"/>, and this fails.
/// </summary>
public class EventConsumerTests
{
    private static readonly IReadOnlyList<(NegotiationOpened Opening, RunEvent Event)> Samples = EventSamples.Each();

    [Fact]
    public void There_is_a_sample_of_every_registered_event() => Assert.Empty(EventSamples.Missing(Samples));

    [Fact]
    public void Who_hears_an_event_is_decided_for_every_event()
    {
        foreach (var (opening, e) in Samples)
        {
            _ = Hearing.IsPublic(e);
            foreach (var party in opening.Scenario.Parties) _ = Hearing.IsHeardBy(e, party.Id, opening.Scenario.Agency.Id);
        }
    }

    [Fact]
    public void A_seat_is_shown_every_event_it_hears_or_leaves_it_to_its_negotiations_by_a_case_of_its_own()
    {
        foreach (var (opening, e) in Samples)
            foreach (var party in opening.Scenario.Parties)
                _ = SeatViews.PublicItemOf(e, party.Id);
    }

    [Fact]
    public void The_plain_minutes_tell_every_event_or_say_where_it_is_told_instead()
    {
        foreach (var (opening, e) in Samples)
            foreach (var audience in new[] { Audience.Everything, Audience.Room })
                _ = PlainMinutes.Lines("sample", [opening, e], audience).ToList();
    }

    [Fact]
    public void Every_event_folds_by_a_rule_of_its_own()
    {
        foreach (var (opening, e) in Samples)
        {
            var state = Evolution.Fold([opening]);
            try
            {
                _ = Evolution.Evolve(state, e);
            }
            catch (Exception failure) when (failure is not UnhandledEventException)
            {
                // A sample out of its run's context may break the fold's own checks: only a missing case matters here.
            }
        }
    }
}
