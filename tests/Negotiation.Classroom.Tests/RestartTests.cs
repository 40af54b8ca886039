using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Negotiation.Core.Engine;
using Negotiation.Core.Storage;
using Negotiation.Persistence;
using Negotiation.Testing;

namespace Negotiation.Classroom.Tests;

/// <summary>Stopping the server mid-session and starting it again over the same stores loses no session, seat or decided round.</summary>
public class RestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> WaitingRoundAsync(HttpClient client, string code)
    {
        for (var i = 0; i < 200; i++)
        {
            var response = await client.GetAsync($"/api/seats/{code}", Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var seat = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                if (seat.GetProperty("waiting").ValueKind == JsonValueKind.Object) return seat.GetProperty("waiting").GetProperty("round").GetInt32();
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("the seat was never asked to move");
    }

    [Fact]
    public async Task A_restarted_server_takes_up_its_sessions_seats_and_rounds_where_they_were()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"restart-{Guid.NewGuid():N}");
        var runs = Path.Combine(folder, "runs");
        await StopsAndComesBackAsync(() => Task.FromResult<IEventStore>(new LocalRunStore(runs)), Path.Combine(folder, "sessions"));
    }

    [Fact]
    public async Task A_restarted_server_comes_back_from_postgresql_with_nothing_lost()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("restart");
        var stores = new List<MartenEventStore>();
        try
        {
            await StopsAndComesBackAsync(async () =>
            {
                var store = await MartenEventStore.ConnectAsync(database, ct: Ct);
                stores.Add(store);
                return store;
            }, Path.Combine(Path.GetTempPath(), $"restart-{Guid.NewGuid():N}", "sessions"));
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    private static async Task StopsAndComesBackAsync(Func<Task<IEventStore>> connect, string sessions)
    {
        string code, id, runId;
        await using (var first = await RunningServer.StartAsync(await connect(), sessions))
        {
            var opened = await (await first.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "refuse-and-litigate.yaml", groups = 1, humans = new[] { "anthropic" } }, Ct))
                .Content.ReadFromJsonAsync<JsonElement>(Ct);
            id = opened.GetProperty("session").GetString()!;
            runId = opened.GetProperty("groups")[0].GetProperty("runId").GetString()!;
            code = opened.GetProperty("groups")[0].GetProperty("seats")[0].GetProperty("code").GetString()!;
            var round = await WaitingRoundAsync(first.Anyone, code);
            Assert.Equal(HttpStatusCode.Accepted, (await first.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct)).StatusCode);
            Assert.Equal(round + 1, await WaitingRoundAsync(first.Anyone, code));
        }

        var store = await connect();
        await using var second = await RunningServer.StartAsync(store, sessions);
        Assert.Equal(HttpStatusCode.OK, (await second.Instructor.GetAsync($"/api/sessions/{id}", Ct)).StatusCode);
        var resumed = await WaitingRoundAsync(second.Anyone, code);
        Assert.Equal(2, resumed);
        Assert.Equal(HttpStatusCode.Accepted, (await second.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round = resumed, moves = new[] { new { kind = "pass" } } }, Ct)).StatusCode);
        Assert.Equal(3, await WaitingRoundAsync(second.Anyone, code));
        var events = (await store.ReadAsync(runId, null, Ct)).Select(e => e.Event).ToList();
        Assert.Equal(2, Evolution.Fold(events).Round);
    }
}
