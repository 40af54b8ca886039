using System.Net.Http.Json;
using System.Text.Json;
using Negotiation.Core.Events;

namespace Negotiation.Classroom.Tests;

/// <summary>
/// Whole runs played through the server, every payload a seat receives (API answers and live pushes) checked
/// for what it may not hold: another negotiation, another party's brief, offers between others, the utilities
/// events carry for both sides, another party's locks or numbers.
/// </summary>
public class SeatPayloadTests(ClassServerFixture server) : IClassFixture<ClassServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Everyone = ["dow", "anthropic", "openai", "xai"];

    [Fact]
    public async Task No_payload_a_seat_receives_holds_what_is_not_its_own_or_public()
    {
        var opened = await (await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 2, humans = Everyone }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = opened.GetProperty("session").GetString()!;
        var seats = opened.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("seats").EnumerateArray().Select(s => (Run: g.GetProperty("runId").GetString()!, Party: s.GetProperty("party").GetString()!, Code: s.GetProperty("code").GetString()!)))
            .ToList();
        var pushes = seats.Select(s => Listen(s.Code, s.Party)).ToList();

        var checkedPayloads = 0;
        for (var i = 0; i < 400 && !(await ConcludedAsync(seats.Select(s => s.Run).Distinct())); i++)
        {
            foreach (var (_, party, code) in seats)
            {
                Check(await server.Anyone.GetFromJsonAsync<JsonElement>($"/api/seats/{code}", Ct), party);
                checkedPayloads++;
            }
            await server.Instructor.PostAsync($"/api/sessions/{id}/advance", null, Ct);
            await Task.Delay(10, Ct);
        }

        Assert.True(await ConcludedAsync(seats.Select(s => s.Run).Distinct()), "the runs did not conclude");
        var pushed = (await Task.WhenAll(pushes)).Sum();
        Assert.True(checkedPayloads > 50 && pushed > 20, $"{checkedPayloads} answers and {pushed} pushes checked");
    }

    private async Task<int> Listen(string code, string party)
    {
        using var response = await server.Anyone.GetAsync($"/api/seats/{code}/live", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var count = 0;
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var view = JsonDocument.Parse(line["data: ".Length..]).RootElement;
            Check(view, party);
            count++;
            if (view.GetProperty("concluded").GetBoolean()) break;
        }
        return count;
    }

    private static void Check(JsonElement view, string party)
    {
        var text = view.GetRawText();
        Assert.DoesNotContain("\"utilities\"", text);
        Assert.Equal(party, view.GetProperty("party").GetString());
        Assert.Equal(party, view.GetProperty("brief").GetProperty("party").GetString());
        var isAgency = view.GetProperty("brief").GetProperty("isAgency").GetBoolean();
        foreach (var n in view.GetProperty("negotiations").EnumerateArray())
        {
            var vendor = n.GetProperty("vendor").GetString();
            Assert.True(isAgency || vendor == party, $"{party} sees the negotiation with {vendor}");
            foreach (var offer in n.GetProperty("offers").EnumerateArray())
                Assert.True(offer.GetProperty("from").GetString() == party || offer.GetProperty("from").GetString() == n.GetProperty("with").GetString());
        }
        foreach (var item in view.GetProperty("public").EnumerateArray())
        {
            var kind = item.GetProperty("kind").GetString();
            if (kind is "locked" or "unlocked" or "set") Assert.Equal(party, item.GetProperty("party").GetString());
        }
        foreach (var move in view.GetProperty("allowed").EnumerateArray())
            if (move.GetProperty("reason").GetString() is { } reason) Assert.DoesNotContain("reservation of", reason.Replace("your reservation", "", StringComparison.Ordinal));
    }

    public static TheoryData<string> ScenarioFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "../../../../../scenarios"), "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    /// <summary>
    /// The room's view (classroom.md 1.1, "Two views of a session"): for a whole run of every scenario, what the
    /// projector's live stream pushes and the session's status hold no offer, no worth, no utilities and no
    /// number of a party; the instructor's desk holds them and says it is not for the room.
    /// </summary>
    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public async Task The_room_sees_nothing_private_over_a_whole_run_of_every_scenario(string file)
    {
        var opened = await (await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = file, groups = 1, humans = Array.Empty<string>() }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = opened.GetProperty("session").GetString()!;
        var run = opened.GetProperty("groups")[0].GetProperty("runId").GetString()!;

        using var response = await server.Anyone.GetAsync($"/api/sessions/{id}/live?key={RunningServer.Key}", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var pushes = 0;
        var lines = new List<string>();
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var status = JsonDocument.Parse(line["data: ".Length..]).RootElement;
            RoomSees(status.GetRawText());
            pushes++;
            var group = status.GetProperty("groups")[0];
            if (group.GetProperty("minutes").ValueKind == JsonValueKind.Array) lines = [.. group.GetProperty("minutes").EnumerateArray().Select(m => m.GetString()!)];
            if (group.GetProperty("concluded").GetBoolean()) break;
        }

        Assert.True(pushes > 0 && await ConcludedAsync([run]));
        RoomSees((await server.Instructor.GetStringAsync($"/api/sessions/{id}", Ct)));
        // The room still hears what is public: how the negotiations ended.
        var events = (await server.Store.ReadAsync(run, null, Ct)).Select(e => e.Event).ToList();
        if (events.OfType<AgreementSigned>().Any()) Assert.Contains(lines, l => l.Contains("SIGNED", StringComparison.Ordinal));
        Assert.Contains(events, e => e is OfferMade);
        var desk = await server.Anyone.GetStringAsync($"/sessions/{id}/desk?key={RunningServer.Key}", Ct);
        Assert.Contains("Not for the room", desk);
        Assert.Contains("(worth ", desk);
    }

    private static void RoomSees(string payload)
    {
        Assert.DoesNotContain("worth", payload);
        Assert.DoesNotContain("\"utilities\":{", payload);
        Assert.DoesNotMatch(@"[a-z] offers [a-z_-]+:", payload);
        Assert.DoesNotContain("changes its offer", payload);
        Assert.DoesNotContain("holds its offer", payload);
        Assert.DoesNotContain("rejects", payload);
        Assert.DoesNotContain("reservation", payload);
    }

    private async Task<bool> ConcludedAsync(IEnumerable<string> runs)
    {
        foreach (var run in runs)
            if ((await server.Store.ReadAsync(run, null, Ct)) is not { Count: > 0 } events || events[^1].Event is not RunConcluded) return false;
        return true;
    }
}
