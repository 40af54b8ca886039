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

    private async Task<bool> ConcludedAsync(IEnumerable<string> runs)
    {
        foreach (var run in runs)
            if ((await server.Store.ReadAsync(run, null, Ct)) is not { Count: > 0 } events || events[^1].Event is not RunConcluded) return false;
        return true;
    }
}
