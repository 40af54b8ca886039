using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Negotiation.Classroom;
using Negotiation.Core.Engine;
using Negotiation.Persistence;

namespace Negotiation.Benchmarks;

/// <summary>
/// The class server over a long lesson (issue 23's soak): a class of 16 groups of 4 seats plays round after round
/// for the time given, a session after another, each seat a bot that says three statements at the length limit
/// every round, and opens its live stream afresh each round and closes it once it has moved (so streams open and
/// close all the time); the projector follows each session on its own stream. Rounds are paced as a (fast) class
/// would play them. The server's managed memory after a full collection is measured once every group has played
/// its first round, and again at the end.
/// </summary>
internal static class ClassSoak
{
    private static readonly string[] Parties = ["dow", "anthropic", "openai", "xai"];
    private const int Groups = 16;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(75);

    public static async Task<List<(string, string, string)>> RunAsync(string root, TimeSpan length, TimeSpan roundPace)
    {
        var folder = Directory.CreateTempSubdirectory("soak-").FullName;
        var store = new LocalRunStore(Path.Combine(folder, "runs"));
        var (started, _, _) = await ClassServer.StartAsync(new ServeOptions("127.0.0.1", 0, "soak-instructor-key", Path.Combine(root, "scenarios")),
            store, new SeatDesk(), Path.Combine(folder, "sessions"));
        await using var app = started;
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "soak-instructor-key");
        var said = string.Join(" ", Enumerable.Repeat("We hold our lines on surveillance and on autonomous weapons.", 20))[..Texts.MaxSpoken];

        var clock = Stopwatch.StartNew();
        long? first = null;
        var (sessions, rounds, streams, taken) = (0, 0, 0, 0);
        while (clock.Elapsed < length)
        {
            var opened = await (await client.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = Groups, humans = Parties }))
                .Content.ReadFromJsonAsync<JsonElement>();
            var id = opened.GetProperty("session").GetString()!;
            var seats = opened.GetProperty("groups").EnumerateArray()
                .SelectMany(g => g.GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("code").GetString()!)).ToList();
            var projector = Projector(client, id);
            // In the first session the class stops after its first round (every seat asked for the second, its stream
            // open) for a quiet minute, and the server is measured then, as it is at the end: both after the buffer
            // pools (Kestrel's blocks, the shared array pools) have given back what a quiet minute left unused, so
            // what is compared is what the server keeps, not what it last needed.
            var gate = first is null ? new TaskCompletionSource() : null;
            var bots = seats.Select(code => Bot(client, code, said, roundPace, gate?.Task, () => Interlocked.Increment(ref streams), () => Interlocked.Increment(ref taken))).ToList();
            if (gate is not null)
            {
                while ((await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}")).GetProperty("groups").EnumerateArray()
                       .Any(g => g.GetProperty("round").GetInt32() < 1 || g.GetProperty("waitingFor").GetArrayLength() < Parties.Length))
                    await Task.Delay(50);
                await Task.Delay(Quiet);
                first = Managed();
                gate.SetResult();
            }
            await Task.WhenAll(bots);
            await projector;
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
            rounds += status.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("round").GetInt32());
            sessions++;
        }
        // The streams of the last session end on the server as it notices their clients gone (it checks every few seconds).
        await Task.Delay(TimeSpan.FromSeconds(8));
        var busy = Managed();
        await Task.Delay(Quiet);
        var end = Managed();
        var f = CultureInfo.InvariantCulture;
        var growth = (end - first!.Value) / (double)first.Value;
        return
        [
            ($"soak: a class of {Groups} groups of 4 for {length.TotalMinutes:F0} min, a round every {roundPace.TotalSeconds:F0} s, 3 statements of {Texts.MaxSpoken:N0} characters per seat per round",
                "managed memory at the end at most 20 % more than after the first round",
                string.Format(f, "{0:N1} MB after the first round, {1:N1} MB at the end, each after a quiet minute ({2:+0.0;-0.0} %), {7:N1} MB as the last session ended; {3} sessions, {4:N0} rounds, {5:N0} moves taken, {6:N0} streams opened",
                    first.Value / 1048576.0, end / 1048576.0, growth * 100, sessions, rounds, taken, streams, busy / 1048576.0)),
        ];
    }

    // The server's live managed memory (the bots' share of the process is small: their streams are closed by then).
    private static long Managed()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        // What the last full collection kept alive: the live objects, without the free space between them.
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).PromotedBytes;
    }

    private static async Task Projector(HttpClient client, string session)
    {
        using var response = await client.GetAsync($"/api/sessions/{session}/live?key=soak-instructor-key", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal) &&
                JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("groups").EnumerateArray().All(g => g.GetProperty("concluded").GetBoolean()))
                return;
    }

    // A seat: each round it opens its live stream, waits to be asked, takes its time, moves, and closes the stream.
    private static async Task Bot(HttpClient client, string code, string said, TimeSpan pace, Task? afterFirstRound, Action opened, Action took)
    {
        var answered = 0;
        while (true)
        {
            opened();
            using var response = await client.GetAsync($"/api/seats/{code}/live", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            (int Round, string Kind)? asked = null;
            while (asked is null && await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                var view = JsonDocument.Parse(line["data: ".Length..]).RootElement;
                if (view.GetProperty("concluded").GetBoolean()) return;
                if (view.GetProperty("waiting") is { ValueKind: JsonValueKind.Object } waiting && waiting.GetProperty("round").GetInt32() > answered)
                    asked = (waiting.GetProperty("round").GetInt32(), waiting.GetProperty("kind").GetString()!);
            }
            if (asked is not var (round, kind)) return;
            if (round == 2 && afterFirstRound is not null) await afterFirstRound;
            await Task.Delay(pace);
            object[] moves = kind switch
            {
                "answer_threat" => [new { kind = "answer_threat", answer = "hold" }],
                "answer_designation" => [new { kind = "answer_designation", answer = "litigate" }],
                _ => [new { kind = "statement", text = said }, new { kind = "statement", text = said }, new { kind = "statement", text = said }],
            };
            var result = await client.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves });
            if (result.StatusCode == HttpStatusCode.Accepted) took();
            answered = round;
        }
    }
}
