using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;
using Negotiation.Persistence;

namespace Negotiation.Classroom.Tests;

/// <summary>
/// Issue 23: after a database outage of 10 s, every group of a running class stayed failed (no seat asked, advance
/// doing nothing) until the server was restarted. A group stopped by its store is now taken up again by itself,
/// from its last stored round, once the store answers.
/// </summary>
public class OutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A run store that can be taken away and brought back, as a database can.</summary>
    private sealed class Unplugged(IEventStore inner) : IEventStore
    {
        public volatile bool Down;

        private void Check()
        {
            if (Down) throw new DatabaseUnavailableException("db.test", 5432, "the database went away");
        }

        public Task<long> AppendAsync(string runId, long expectedVersion, IReadOnlyList<RunEvent> events, CancellationToken ct = default)
        {
            Check();
            return inner.AppendAsync(runId, expectedVersion, events, ct);
        }

        public Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long? untilVersion = null, CancellationToken ct = default)
        {
            Check();
            return inner.ReadAsync(runId, untilVersion, ct);
        }

        public Task<IReadOnlyList<RunListing>> ListRunsAsync(CancellationToken ct = default)
        {
            Check();
            return inner.ListRunsAsync(ct);
        }
    }

    [Fact]
    public async Task A_group_stopped_by_a_database_outage_is_taken_up_again_by_itself_when_the_database_is_back()
    {
        var store = new Unplugged(new InMemoryEventStore());
        await using var server = await RunningServer.StartAsync(store, Directory.CreateTempSubdirectory("outage-").FullName);
        var opened = await (await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 1, humans = new[] { "anthropic" } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = opened.GetProperty("session").GetString()!;
        var code = opened.GetProperty("groups")[0].GetProperty("seats")[0].GetProperty("code").GetString()!;
        var runId = opened.GetProperty("groups")[0].GetProperty("runId").GetString()!;
        await AskedAsync(server, code, 1);

        store.Down = true;
        Assert.Equal(HttpStatusCode.Accepted, (await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round = 1, moves = new[] { new { kind = "pass" } } }, Ct)).StatusCode);
        await WaitAsync(() => Task.FromResult(server.Sessions.Failure(runId) is not null), "the group did not fail while the database was away");

        store.Down = false;
        // Taken up from its last stored round: round 1 was never stored, and the moves the person sent for it were
        // kept, so the round is played with them and the person is next asked round 2.
        await WaitAsync(async () => server.Sessions.Failure(runId) is null && await AskedRoundAsync(server, code) == 2, "the group was not taken up again");
        var status = await server.Instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("groups")[0].GetProperty("failed").ValueKind);
        Assert.Equal(1, Core.Engine.Evolution.Fold((await store.ReadAsync(runId, null, Ct)).Select(e => e.Event)).Round);
    }

    private static async Task<int?> AskedRoundAsync(RunningServer server, string code)
    {
        using var response = await server.Anyone.GetAsync($"/api/seats/{code}", Ct);
        if (!response.IsSuccessStatusCode) return null;
        var seat = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return seat.GetProperty("waiting") is { ValueKind: JsonValueKind.Object } waiting && !waiting.TryGetProperty("taken", out _) ? waiting.GetProperty("round").GetInt32() : null;
    }

    private static Task AskedAsync(RunningServer server, string code, int round) =>
        WaitAsync(async () => await AskedRoundAsync(server, code) == round, $"round {round} was not asked");

    // Waits for what it is told to, however long a loaded machine takes, up to a minute.
    private static async Task WaitAsync(Func<Task<bool>> done, string failure)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50, Ct);
        }
    }
}
