using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Negotiation.Classroom.Tests;

/// <summary>
/// A seeded, bounded fuzzer over the bodies the class server takes (issue 23's generators: wrong JSON types,
/// lone surrogates, invalid UTF-8, huge and odd numbers, control characters). Whatever comes in, the answer is
/// never a 5xx, an error always carries its `errors`, and the server goes on answering.
/// </summary>
public class BodyFuzzTests(ClassServerFixture server) : IClassFixture<ClassServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Seed = 20261130;

    private static readonly string[] Values =
    [
        "\"1\"", "2.5", "-1", "0", "1e308", "99999999999999999999", "true", "null", "[]", "{}", "[\"acme\"]", "\"acme\"",
        "\"\\ud800\"", "\"\\u001b[2J\"", "\"\\u202e\"", "\"\"", "[1, \"x\", null]", "{\"a\": {\"b\": []}}",
    ];

    private static readonly string[] Fields = ["groups", "group", "roundSeconds", "seed", "humans", "scenarioFile", "scenario", "round", "moves", "text", "kind", "vendor", "terms", "answer", "lock", "set"];

    [Fact]
    public async Task Bodies_of_the_wrong_shape_are_answered_with_their_errors_never_a_server_failure()
    {
        var opened = await (await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 1, humans = new[] { "anthropic" } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = opened.GetProperty("session").GetString()!;
        var code = opened.GetProperty("groups")[0].GetProperty("seats")[0].GetProperty("code").GetString()!;
        string[] targets = ["/api/sessions", $"/api/sessions/{id}/advance", $"/api/sessions/{id}/world", $"/api/seats/{code}/moves"];
        var random = new Random(Seed);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var c = 0; c < 200; c++)
        {
            var fields = Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"\"{Fields[random.Next(Fields.Length)]}\": {Values[random.Next(Values.Length)]}");
            var body = Encoding.UTF8.GetBytes("{" + string.Join(", ", fields) + "}");
            // Now and then bytes that are not UTF-8 at all.
            if (random.Next(10) == 0) body = [.. body.Take(body.Length - 1), 0xC3, 0x28, (byte)'}'];
            var target = targets[random.Next(targets.Length)];
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await server.Instructor.PostAsync(target, content, Ct);

            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True((int)response.StatusCode < 500, $"{target} {Encoding.UTF8.GetString(body)}: {(int)response.StatusCode} {text}");
            if (!response.IsSuccessStatusCode)
                Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out _), $"{target}: {text}");
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Instructor.GetAsync($"/api/sessions/{id}", Ct)).StatusCode);
        // The generator reaches refusals of more than one kind, so the property is not proved on one path.
        Assert.True(statuses.Keys.Count(s => (int)s is >= 400 and < 500) >= 2, string.Join(", ", statuses.Select(kv => $"{(int)kv.Key}: {kv.Value}")));
    }
}
