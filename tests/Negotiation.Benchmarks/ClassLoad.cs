using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Negotiation.Actors;
using Negotiation.Classroom;
using Negotiation.Core.Engine;
using Negotiation.Persistence;

namespace Negotiation.Benchmarks;

/// <summary>
/// The class server under a class's load: 16 groups of 4 seats, every seat a bot that listens on its live
/// stream and moves the moment it is asked. Measures, for every seat and round, the time from the last move of
/// its group's round to the push that asks the seat for the next round; counts the moves taken.
/// </summary>
internal static class ClassLoad
{
    private static readonly int Groups = int.TryParse(Environment.GetEnvironmentVariable("LOAD_GROUPS"), out var g) ? g : 16;
    private static readonly string[] Parties = ["dow", "anthropic", "openai", "xai"];

    public static async Task<List<(string, string, string)>> RunAsync(string root, string server)
    {
        var store = new InMemoryEventStore();
        var (started, _, _) = await ClassServer.StartAsync(new ServeOptions("127.0.0.1", 0, "load", Path.Combine(root, "scenarios")),
            store, new SeatDesk(), Path.Combine(Path.GetTempPath(), $"load-{Guid.NewGuid():N}"));
        await using var app = started;
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "load");

        var opened = await (await client.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = Groups, humans = Parties }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var posted = new ConcurrentDictionary<(int Group, int Round), long>();
        var asked = new ConcurrentBag<(int Group, int Round, long At)>();
        var taken = 0;
        var refused = 0;
        var clock = Stopwatch.StartNew();
        var bots = opened.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("seats").EnumerateArray().Select(s =>
            Bot(client, g.GetProperty("group").GetInt32(), s.GetProperty("code").GetString()!, clock, posted, asked, () => Interlocked.Increment(ref taken), () => Interlocked.Increment(ref refused))));
        var projector = Projector(client, opened.GetProperty("session").GetString()!);
        await Task.WhenAll(bots);
        var wall = clock.Elapsed;
        var told = await projector;

        var latencies = asked.Where(a => posted.ContainsKey((a.Group, a.Round - 1)))
            .Select(a => (a.At - posted[(a.Group, a.Round - 1)]) * 1000.0 / Stopwatch.Frequency).Order().ToList();
        var runs = opened.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("runId").GetString()!).ToList();
        var concluded = 0;
        var rounds = 0;
        foreach (var run in runs)
        {
            var state = Evolution.Fold((await store.ReadAsync(run)).Select(e => e.Event));
            if (state.Concluded) concluded++;
            rounds += state.Round;
        }
        var f = CultureInfo.InvariantCulture;
        return
        [
            ($"class load on {server}: {Groups} groups of 4 seats through the API and the live stream, moves taken", "every one",
                string.Format(f, "{0:N0} taken, {1} refused; {2} of {3} runs concluded, {4:N0} rounds in {5:F1} s; the projector open throughout, told {6} times", taken, refused, concluded, runs.Count, rounds, wall.TotalSeconds, told)),
            ($"{server}: time from a group's last move to the push asking each seat for the next round, p50 / p99", "p99 under 100 ms",
                latencies.Count == 0 ? "none measured" : string.Format(f, "{0:F1} ms / {1:F1} ms over {2:N0} pushes", Percentile(latencies, 0.5), Percentile(latencies, 0.99), latencies.Count)),
        ];
    }

    // The instructor's projector, open on the session's live stream the whole time, as in a class.
    private static async Task<int> Projector(HttpClient client, string session)
    {
        using var response = await client.GetAsync($"/api/sessions/{session}/live?key=load", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var told = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            told++;
            var status = JsonDocument.Parse(line["data: ".Length..]).RootElement;
            if (status.GetProperty("groups").EnumerateArray().All(g => g.GetProperty("concluded").GetBoolean())) return told;
        }
        return told;
    }

    private static async Task Bot(HttpClient client, int group, string code, Stopwatch clock,
        ConcurrentDictionary<(int, int), long> posted, ConcurrentBag<(int, int, long)> asked, Action took, Action refused)
    {
        using var response = await client.GetAsync($"/api/seats/{code}/live", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var answered = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var view = JsonDocument.Parse(line["data: ".Length..]).RootElement;
            if (view.GetProperty("concluded").GetBoolean()) return;
            if (view.GetProperty("waiting") is not { ValueKind: JsonValueKind.Object } waiting) continue;
            var round = waiting.GetProperty("round").GetInt32();
            if (round <= answered) continue;
            asked.Add((group, round, clock.ElapsedTicks));
            object move = waiting.GetProperty("kind").GetString() switch
            {
                "answer_threat" => new { kind = "answer_threat", answer = "hold" },
                "answer_designation" => new { kind = "answer_designation", answer = "litigate" },
                _ => new { kind = "statement", text = "We hold." },
            };
            var at = clock.ElapsedTicks;
            var result = await client.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { move } });
            if (result.StatusCode == HttpStatusCode.Accepted)
            {
                took();
                answered = round;
                posted.AddOrUpdate((group, round), at, (_, before) => Math.Max(before, at));
            }
            else
            {
                refused();
            }
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
