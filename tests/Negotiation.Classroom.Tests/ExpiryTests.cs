using Negotiation.Actors;
using Negotiation.Persistence;
using Negotiation.Testing;

namespace Negotiation.Classroom.Tests;

/// <summary>Issue 23: sessions were never freed, nor what the server kept for their runs. A concluded session now is, in time.</summary>
public class ExpiryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_whose_groups_all_concluded_is_freed_with_its_seats_and_runs_after_the_time_kept()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var store = new InMemoryEventStore();
        var desk = new SeatDesk(clock);
        await using var engine = await NegotiationEngine.StartAsync(store, Ct, seats: desk);
        var sessions = new ClassSessions(engine, store, desk, Directory.CreateTempSubdirectory("expiry-").FullName, clock);
        // Nobody plays the first session: it runs to its end at once. The second waits for a person.
        var done = sessions.Open(Stories.WholeStory(), 2, [], 7);
        var waiting = sessions.Open(Stories.WholeStory(), 1, ["anthropic"], 7);
        foreach (var group in done.Groups) await sessions.ReadAsync(group.RunId, Ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        // Wait for the server to note the runs' ends, however long a loaded machine takes.
        while (done.Groups.Any(g => !sessions.HasConcluded(g.RunId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the policy's session did not conclude");
            await Task.Delay(20, Ct);
        }

        clock.Advance(ClassSessions.KeptAfterConclusion - TimeSpan.FromMinutes(1));
        Assert.Equal(0, sessions.Expire());
        Assert.NotNull(sessions.Session(done.Id));
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, sessions.Expire());
        Assert.Null(sessions.Session(done.Id));
        Assert.NotNull(sessions.Session(waiting.Id));
        Assert.Null(sessions.Failure(done.Groups[0].RunId));
        Assert.Equal(1, desk.RunsHeld);
        Assert.NotNull(sessions.SeatOf(waiting.Groups[0].Seats[0].Code));
        // The runs themselves stay stored: the debrief still finds them.
        Assert.True(Concluded(store, done.Groups[1].RunId));
    }

    private static bool Concluded(InMemoryEventStore store, string runId) =>
        store.ReadAsync(runId).Result is { Count: > 0 } events && events[^1].Event is Core.Events.RunConcluded;
}
