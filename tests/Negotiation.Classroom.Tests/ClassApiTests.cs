using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Negotiation.Core.Engine;
using Negotiation.Core.Model;
using Negotiation.Core.Events;
using Negotiation.Scenarios;

namespace Negotiation.Classroom.Tests;

/// <summary>The JSON API of classroom.md against a real server: every error code, and whole runs played through it.</summary>
public class ClassApiTests(ClassServerFixture server) : IClassFixture<ClassServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Everyone = ["dow", "anthropic", "openai", "xai"];

    private async Task<JsonElement> OpenAsync(int groups, string[] humans, string file = "the-whole-story.yaml")
    {
        var response = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = file, groups, humans, seed = 7 }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static string Code(JsonElement session, int group, string party) =>
        session.GetProperty("groups")[group - 1].GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("party").GetString() == party).GetProperty("code").GetString()!;

    private async Task<JsonElement> SeatAsync(string code) => await server.Anyone.GetFromJsonAsync<JsonElement>($"/api/seats/{code}", Ct);

    private async Task<int> WaitingRoundAsync(string code)
    {
        for (var i = 0; i < 100; i++)
        {
            var seat = await SeatAsync(code);
            if (seat.GetProperty("waiting").ValueKind == JsonValueKind.Object) return seat.GetProperty("waiting").GetProperty("round").GetInt32();
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("the seat was never asked to move");
    }

    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetProperty("message").GetString()!).ToArray();

    /// <summary>classroom.md 1.1, outside agents: the API's OpenAPI document, with the shapes of what an agent sends.</summary>
    [Fact]
    public async Task The_openapi_document_describes_the_api_an_outside_agent_plays_through()
    {
        var document = await server.Anyone.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/sessions", out var sessions));
        Assert.True(sessions.TryGetProperty("post", out _));
        var moves = paths.GetProperty("/api/seats/{code}/moves").GetProperty("post");
        Assert.Equal("The seat's moves for the round it is asked", moves.GetProperty("summary").GetString());
        Assert.True(moves.GetProperty("responses").TryGetProperty("409", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var movesSchema = schemas.EnumerateObject().Single(s => s.Name.EndsWith("Moves", StringComparison.Ordinal)).Value;
        Assert.Equal(["round", "moves"], movesSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.True(paths.TryGetProperty("/api/seats/{code}", out _));
    }

    /// <summary>
    /// Issue 18, ASP.NET Core's rails: every error is problem details (RFC 9457) keeping the contract's `errors`; the
    /// key goes in the header, and in the address only where a browser cannot send a header (a page, a live stream).
    /// </summary>
    [Fact]
    public async Task Errors_are_problem_details_with_the_errors_list_and_the_key_rides_in_the_address_only_where_it_must()
    {
        var missing = await server.Anyone.GetAsync("/api/seats/no-such-code", Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((404, "Not found"), (problem.GetProperty("status").GetInt32(), problem.GetProperty("title").GetString()));
        Assert.Equal(["no seat with that code"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));

        var session = await OpenAsync(1, ["anthropic"]);
        var id = session.GetProperty("session").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync($"/api/sessions/{id}?key={RunningServer.Key}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Anyone.GetAsync($"/sessions/{id}/note?key={RunningServer.Key}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync($"/sessions/{id}/note?key=wrong", Ct)).StatusCode);
        using var live = await server.Anyone.GetAsync($"/api/sessions/{id}/live?key={RunningServer.Key}", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>Issue 19: a roster, a CSV of names, gives the seats their students in group then seat order; the list and the cards show them.</summary>
    [Fact]
    public async Task A_roster_gives_the_seats_their_students_in_order_and_the_cards_name_them()
    {
        var session = await OpenAsync(2, ["dow", "anthropic"]);
        var id = session.GetProperty("session").GetString()!;

        var given = await server.Instructor.PostAsync($"/api/sessions/{id}/roster",
            new StringContent("name\nAda Lovelace\n\"Hopper, Grace\"\nAlan Turing\n", Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        var seats = await server.Instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/seats", Ct);
        Assert.Equal(["Ada Lovelace", "Hopper, Grace", "Alan Turing", null], seats.EnumerateArray().Select(s => s.GetProperty("student").GetString()));
        var csv = await server.Instructor.GetStringAsync($"/api/sessions/{id}/seats?format=csv", Ct);
        Assert.Contains(",\"Hopper, Grace\"\n", csv);
        var cards = await server.Anyone.GetStringAsync($"/sessions/{id}/seats?key={RunningServer.Key}", Ct);
        Assert.Contains("For <strong>Ada Lovelace</strong>", cards);

        var tooMany = await server.Instructor.PostAsync($"/api/sessions/{id}/roster", new StringContent("a\nb\nc\nd\ne\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(["the roster: 5 names for 4 seats"], await ErrorsAsync(tooMany));
        var hostile = await server.Instructor.PostAsync($"/api/sessions/{id}/roster", new StringContent("Ada\u001b[2J\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.PostAsync($"/api/sessions/{id}/roster", new StringContent("x", Encoding.UTF8, "text/csv"), Ct)).StatusCode);
    }

    /// <summary>Issue 18: a seat that has sent its moves is told which round they are in for, while the others still decide it.</summary>
    [Fact]
    public async Task A_seat_that_has_moved_says_which_round_its_moves_are_in_for_until_the_round_is_played()
    {
        var session = await OpenAsync(1, ["anthropic", "openai"]);
        var (anthropic, openai) = (Code(session, 1, "anthropic"), Code(session, 1, "openai"));
        var round = await WaitingRoundAsync(anthropic);
        Assert.Equal(round, await WaitingRoundAsync(openai));
        Assert.Equal(JsonValueKind.Null, (await SeatAsync(anthropic)).GetProperty("moved").ValueKind);

        var sent = await server.Anyone.PostAsJsonAsync($"/api/seats/{anthropic}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var moved = await SeatAsync(anthropic);
        Assert.Equal((JsonValueKind.Null, round), (moved.GetProperty("waiting").ValueKind, moved.GetProperty("moved").GetInt32()));
        // OpenAI has not moved: the round is not played, and anthropic's view says so until it is.
        Assert.Equal(round - 1, moved.GetProperty("round").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, (await server.Anyone.PostAsJsonAsync($"/api/seats/{openai}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct)).StatusCode);
        Assert.Equal(round + 1, await WaitingRoundAsync(anthropic));
        Assert.Equal(JsonValueKind.Null, (await SeatAsync(anthropic)).GetProperty("moved").ValueKind);
    }

    /// <summary>Issue 19: the round time can change during a class, from the next seat asked on, or be taken away.</summary>
    [Fact]
    public async Task The_round_time_changes_during_a_session_from_the_next_seat_asked()
    {
        var session = await OpenAsync(1, ["anthropic"]);
        var id = session.GetProperty("session").GetString()!;
        var code = Code(session, 1, "anthropic");
        var round = await WaitingRoundAsync(code);
        Assert.Equal(JsonValueKind.Null, (await SeatAsync(code)).GetProperty("waiting").GetProperty("until").ValueKind);

        var set = await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/timer", new { roundSeconds = 3600 }, Ct);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(3600, (await server.Instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct)).GetProperty("roundSeconds").GetInt32());
        // The seat already asked keeps what it was given; the next one asked has the new time.
        Assert.Equal(JsonValueKind.Null, (await SeatAsync(code)).GetProperty("waiting").GetProperty("until").ValueKind);
        var sent = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var next = await SeatAsync(code);
        while (next.GetProperty("waiting") is not { ValueKind: JsonValueKind.Object } w || w.GetProperty("round").GetInt32() == round)
        {
            await Task.Delay(20, Ct);
            next = await SeatAsync(code);
        }
        var until = next.GetProperty("waiting").GetProperty("until").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.OK, (await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/timer", new { roundSeconds = (int?)null }, Ct)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await server.Instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct)).GetProperty("roundSeconds").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/timer", new { roundSeconds = 0 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/timer", new { roundSeconds = "60" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.PostAsJsonAsync($"/api/sessions/{id}/timer", new { roundSeconds = 60 }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Instructor_calls_need_the_key()
    {
        var body = new { scenarioFile = "the-whole-story.yaml", groups = 1 };
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(body) };
        wrong.Headers.Authorization = new("Bearer", "not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.PostAsJsonAsync("/api/sessions", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.SendAsync(wrong, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync("/api/sessions/any", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.PostAsync("/api/sessions/any/pause", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_scenario_file_is_described_with_its_parties_for_the_instructor_only_and_only_from_the_folder()
    {
        var story = await server.Instructor.GetFromJsonAsync<JsonElement>("/api/scenarios/the-whole-story.yaml", Ct);

        Assert.Equal(["dow", "anthropic", "openai", "xai"], story.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.True(story.GetProperty("parties")[0].GetProperty("agency").GetBoolean());
        Assert.Equal(12, story.GetProperty("rounds").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync("/api/scenarios/the-whole-story.yaml", Ct)).StatusCode);
        foreach (var name in new[] { "..%2Fdocker-compose.yml", "..%2F..%2Fetc%2Fpasswd.yaml", "nope.yaml", "README.md" })
            Assert.Equal(HttpStatusCode.NotFound, (await server.Instructor.GetAsync($"/api/scenarios/{name}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_sessions_and_seat_codes_are_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await server.Instructor.GetAsync("/api/sessions/no-such-session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Instructor.PostAsync("/api/sessions/no-such-session/advance", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anyone.GetAsync("/api/seats/0123456789abcdef0123456789abcdef", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anyone.PostAsJsonAsync("/api/seats/nope/moves", new { round = 1, moves = Array.Empty<object>() }, Ct)).StatusCode);
    }

    /// <summary>
    /// Issue 23: loose JSON types. `{"group": "1"}` advanced every group (recording the policy's moves for every
    /// waiting seat), `groups: "4"` gave one group, `roundSeconds: "10"` no timer, `humans: "acme"` no seats. A
    /// field of the wrong type is now a 400 naming it, and nothing is done.
    /// </summary>
    [Fact]
    public async Task A_field_of_the_wrong_type_is_refused_naming_it_and_nothing_is_done()
    {
        var session = await OpenAsync(2, ["anthropic"]);
        var id = session.GetProperty("session").GetString()!;
        await WaitingRoundAsync(Code(session, 1, "anthropic"));
        await WaitingRoundAsync(Code(session, 2, "anthropic"));

        var advance = await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/advance", new { group = "1" }, Ct);
        var world = await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/world", new { group = "1", text = "news" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, advance.StatusCode);
        Assert.Contains("`group` must be a whole number, not \"1\"", (await ErrorsAsync(advance))[0]);
        Assert.Equal(HttpStatusCode.BadRequest, world.StatusCode);
        foreach (var run in session.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("runId").GetString()!))
        {
            var events = await EventsAsync(run);
            Assert.DoesNotContain(events, e => e is PolicyStoodIn or WorldAnnounced);
        }
        foreach (var body in new object[]
                 {
                     new { scenarioFile = "the-whole-story.yaml", groups = "4" },
                     new { scenarioFile = "the-whole-story.yaml", groups = 2.5 },
                     new { scenarioFile = "the-whole-story.yaml", roundSeconds = "10" },
                     new { scenarioFile = "the-whole-story.yaml", humans = "acme" },
                 })
        {
            var opened = await server.Instructor.PostAsJsonAsync("/api/sessions", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
            Assert.Contains("must be", (await ErrorsAsync(opened))[0]);
        }
    }

    /// <summary>
    /// Issue 23: one rule for what a person may say. A statement with terminal escapes (clear the screen, write the
    /// clipboard), a bidirectional override, a statement of 190,000 characters or four in one round are refused,
    /// each with its reason, and nothing is taken.
    /// </summary>
    [Theory]
    [InlineData("\u001b[2J", 1, "holds the control character U+001B")]
    [InlineData("\u001b]52;c;aGk=\u0007", 1, "holds the control character U+001B")]
    [InlineData("\u202Edesrever", 1, "holds the bidirectional override U+202E")]
    [InlineData("long", 1, "characters long; at most 1,000")]
    [InlineData("fine", 4, "4 statements in one round; at most 3")]
    public async Task A_statement_that_could_harm_a_terminal_a_page_or_the_server_is_refused(string text, int count, string reason)
    {
        var session = await OpenAsync(1, ["anthropic"]);
        var code = Code(session, 1, "anthropic");
        var round = await WaitingRoundAsync(code);
        var said = text == "long" ? new string('x', 190_000) : text;

        var response = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves",
            new { round, moves = Enumerable.Repeat(new { kind = "statement", text = said }, count).ToArray() }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(await ErrorsAsync(response), e => e.Contains(reason, StringComparison.Ordinal));
        // Nothing was taken: the seat is still asked, for the same round.
        Assert.Equal(round, (await SeatAsync(code)).GetProperty("waiting").GetProperty("round").GetInt32());
    }

    /// <summary>
    /// classroom.md 1.1, handing out seats: the sessions the server holds, newest first (a reload never loses one),
    /// and a session's seats with their links, as JSON and as CSV; both for the instructor only.
    /// </summary>
    [Fact]
    public async Task The_instructor_lists_the_sessions_newest_first_and_a_sessions_seats_with_their_links_as_json_and_csv()
    {
        var older = await OpenAsync(1, ["anthropic"]);
        var newer = await OpenAsync(2, ["dow", "anthropic"]);
        var id = newer.GetProperty("session").GetString()!;

        var list = await server.Instructor.GetFromJsonAsync<JsonElement>("/api/sessions", Ct);
        var ids = list.EnumerateArray().Select(s => s.GetProperty("session").GetString()!).ToList();
        Assert.True(ids.IndexOf(id) < ids.IndexOf(older.GetProperty("session").GetString()!), "newest first");
        var listed = list.EnumerateArray().Single(s => s.GetProperty("session").GetString() == id);
        Assert.Equal(["session", "title", "created", "groups", "concluded"], listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, listed.GetProperty("groups").GetInt32());
        Assert.False(listed.GetProperty("concluded").GetBoolean());

        var seats = await server.Instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/seats", Ct);
        Assert.Equal(4, seats.GetArrayLength());
        var first = seats[0];
        // classroom.md 1.1's fields, and the roster's student (null until one is given) added after them.
        Assert.Equal(["group", "party", "partyName", "code", "url", "student"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, "dow", "Department of War"), (first.GetProperty("group").GetInt32(), first.GetProperty("party").GetString(), first.GetProperty("partyName").GetString()));
        Assert.Equal($"{server.Anyone.BaseAddress}play/{Code(newer, 1, "dow")}", first.GetProperty("url").GetString());
        var csv = (await server.Instructor.GetStringAsync($"/api/sessions/{id}/seats?format=csv", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,party,partyName,code,url,student", csv[0]);
        Assert.Equal($"2,anthropic,Anthropic,{Code(newer, 2, "anthropic")},{server.Anyone.BaseAddress}play/{Code(newer, 2, "anthropic")},", csv[^1]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync("/api/sessions", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync($"/api/sessions/{id}/seats", Ct)).StatusCode);

        // The printable cards: one a seat, each with its group, its party by name, its link and a QR code (a PNG).
        var cards = await server.Anyone.GetStringAsync($"/sessions/{id}/seats?key={RunningServer.Key}", Ct);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(cards, "<section class=\"card\">"));
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(cards, "src=\"data:image/png;base64,iVBORw0KGgo"));
        Assert.Contains("Group 2: Anthropic", cards);
        Assert.Contains($"{server.Anyone.BaseAddress}play/{Code(newer, 2, "anthropic")}", cards);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync($"/sessions/{id}/seats", Ct)).StatusCode);
    }

    /// <summary>Issue 23: every answer carries the security headers; a seat's page and the API are never cached.</summary>
    [Fact]
    public async Task Every_page_and_answer_carries_the_security_headers()
    {
        var session = await OpenAsync(1, ["anthropic"]);
        foreach (var path in new[] { "/", $"/play/{Code(session, 1, "anthropic")}", $"/api/seats/{Code(session, 1, "anthropic")}", "/api/sessions/nobody" })
        {
            using var response = await server.Anyone.GetAsync(path, Ct);
            var headers = response.Headers;
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("script-src 'self'", headers.GetValues("Content-Security-Policy").Single());
            Assert.True(headers.CacheControl?.NoStore, path);
        }
    }

    /// <summary>Issue 23: wrong instructor keys were answered 864 times a second. Past 20 in a minute, the address waits, whatever key it tries.</summary>
    [Fact]
    public async Task Past_twenty_wrong_keys_in_a_minute_an_address_waits_whatever_key_it_tries()
    {
        await using var own = await RunningServer.StartAsync(new Negotiation.Persistence.InMemoryEventStore(), Directory.CreateTempSubdirectory("keys-").FullName);
        using var guesser = new HttpClient { BaseAddress = own.Anyone.BaseAddress };
        for (var i = 0; i < Negotiation.Classroom.WrongKeys.Allowed; i++)
        {
            using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/scenarios");
            wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"guess-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SendAsync(wrong, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await own.Instructor.GetAsync("/api/scenarios", Ct)).StatusCode);

        // The window is a minute on the server's clock: the count, on a clock driven by hand.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var keys = new Negotiation.Classroom.WrongKeys(clock);
        for (var i = 0; i < Negotiation.Classroom.WrongKeys.Allowed - 1; i++) keys.Failed("10.0.0.1");
        Assert.False(keys.Locked("10.0.0.1"));
        keys.Failed("10.0.0.1");
        Assert.True(keys.Locked("10.0.0.1"));
        Assert.False(keys.Locked("10.0.0.2"));
        clock.Advance(Negotiation.Classroom.WrongKeys.Window);
        Assert.False(keys.Locked("10.0.0.1"));
    }

    /// <summary>Issue 23: a pasted scenario starting with a byte-order mark was refused.</summary>
    [Fact]
    public async Task A_pasted_scenario_that_starts_with_a_byte_order_mark_opens()
    {
        var yaml = "\uFEFF" + await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "../../../../../scenarios/accept-compromise.yaml"), Ct);

        var response = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenario = yaml, groups = 1 }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Issue 23: a 10-byte scenario pasted into a session killed the server and every class on it.</summary>
    [Fact]
    public async Task A_pasted_scenario_with_an_alias_cycle_is_refused_and_the_server_goes_on()
    {
        var response = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenario = "a: &a [*a]\n", groups = 1 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cycle", (await response.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.OK, (await server.Instructor.GetAsync("/api/scenarios", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bad_scenario_is_refused_with_the_line_and_column_validate_reports()
    {
        const string yaml = "name: broken\nrounds: many\n";
        var response = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenario = yaml, groups = 1 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var expected = ScenarioLoader.Parse(yaml, "scenario").Errors[0];
        var first = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0];
        Assert.Equal((expected.Line, expected.Column, expected.Message),
            (first.GetProperty("line").GetInt32(), first.GetProperty("column").GetInt32(), first.GetProperty("message").GetString()));
        var traversal = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "../README.md", groups = 1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, traversal.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_and_a_body_over_a_megabyte_is_too_large()
    {
        var malformed = await server.Instructor.PostAsync("/api/sessions", new StringContent("{not json", Encoding.UTF8, "application/json"), Ct);
        // Expect: 100-continue, as curl sends it for a large body: the server refuses the size before the body is
        // sent. Without it, a server answering 413 at once could close the connection under a body still being
        // written, and the client saw a broken pipe instead of the answer (it did once, on a loaded machine).
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
        {
            Content = new StringContent($"{{\"scenario\": \"{new string('x', 1_100_000)}\"}}", Encoding.UTF8, "application/json"),
        };
        tooLarge.Headers.ExpectContinue = true;
        var huge = await server.Instructor.SendAsync(tooLarge, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.DoesNotContain("   at ", await huge.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_seat_acts_only_for_its_party_in_its_round_once_and_within_the_rules()
    {
        var session = await OpenAsync(1, ["anthropic"]);
        var code = Code(session, 1, "anthropic");
        var round = await WaitingRoundAsync(code);

        var foreign = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { vendor = "openai", kind = "pass" } } }, Ct);
        var early = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round = round + 1, moves = new[] { new { kind = "pass" } } }, Ct);
        var crossing = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new
        {
            round,
            moves = new[] { new { kind = "offer", terms = new Dictionary<string, string> { ["usage_scope"] = "all-lawful-uses", ["domestic_surveillance"] = "permitted", ["autonomous_weapons"] = "unrestricted" } } },
        }, Ct);
        var taken = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct);
        var again = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, crossing.StatusCode);
        Assert.Contains(await ErrorsAsync(crossing), e => e.Contains("crosses your red line", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    /// <summary>Format 1.2 at a seat: a threatened vendor sees the threat and what each answer is worth to it, and its own answer is recorded.</summary>
    [Fact]
    public async Task A_threatened_seat_sees_the_threat_and_the_value_of_each_answer_and_its_own_answer_is_recorded_beside_them()
    {
        var session = await OpenAsync(1, ["anthropic"]);
        var code = Code(session, 1, "anthropic");
        var runId = session.GetProperty("groups")[0].GetProperty("runId").GetString()!;
        // Anthropic's own lines, as contractual bans: every offer crosses the agency's red lines, so it is threatened.
        var bans = new Dictionary<string, string>
        {
            ["usage_scope"] = "enumerated-uses", ["domestic_surveillance"] = "contractual-ban", ["autonomous_weapons"] = "human-in-the-loop-required",
            ["safety_stack"] = "vendor-controlled", ["deployment"] = "on-premises",
        };

        JsonElement? question = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (question is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no threat in 60 s");
            var seat = await SeatAsync(code);
            if (seat.GetProperty("waiting") is not { ValueKind: JsonValueKind.Object } waiting)
            {
                await Task.Delay(20, Ct);
                continue;
            }
            var round = waiting.GetProperty("round").GetInt32();
            if (waiting.GetProperty("kind").GetString() == "answer_threat")
            {
                question = seat.GetProperty("question").Clone();
                var answered = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "answer_threat", answer = "walk_away" } } }, Ct);
                Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
                break;
            }
            Assert.Equal(JsonValueKind.Null, seat.GetProperty("question").ValueKind);
            var offered = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "offer", terms = bans } } }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, offered.StatusCode);
        }

        var threat = question!.Value;
        Assert.Equal("threat", threat.GetProperty("kind").GetString());
        Assert.Contains("no-surveillance-veto", threat.GetProperty("threat").GetProperty("redLines").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["hold", "concede", "walk_away"], threat.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("answer").GetString()));
        // What conceding may drop, as the rules say (issue 22: the page used to decide it, offering lines already dropped).
        Assert.Equal(["no-domestic-surveillance", "human-oversight"], threat.GetProperty("droppable").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
        Assert.Equal([0.36, 0.3, 0.3], threat.GetProperty("choices").EnumerateArray().Select(c => Math.Round(c.GetProperty("value").GetDouble(), 2)));
        Assert.StartsWith("By your numbers, at the injunction odds you believe (0.60)", threat.GetProperty("text").GetString());
        // The person walked away against the numbers: recorded with the numbers it saw.
        var weighed = await WaitForAsync(async () => (await EventsAsync(runId)).OfType<ChoiceWeighed>().SingleOrDefault());
        Assert.Equal(("walk-away", "hold"), (weighed.Choice, BestResponse.Best(weighed.Estimates).Choice));
    }

    /// <summary>
    /// The xAI case (issue 18): OpenAI signs and its terms are extended to xAI. Once they are the offer on the table,
    /// xAI's seat shows them, an acceptance of the older, harder offer its page may still show is refused with the
    /// new one and nothing taken, and an acceptance of what is shown signs exactly that.
    /// </summary>
    [Fact]
    public async Task A_seat_accepts_what_it_was_shown_and_an_acceptance_of_an_offer_no_longer_on_the_table_takes_nothing()
    {
        var session = await OpenAsync(1, ["xai"]);
        var code = Code(session, 1, "xai");
        var runId = session.GetProperty("groups")[0].GetProperty("runId").GetString()!;

        JsonElement seat;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the terms were not extended to xAI in 60 s");
            seat = await SeatAsync(code);
            if (seat.GetProperty("waiting").ValueKind != JsonValueKind.Object) { await Task.Delay(20, Ct); continue; }
            // Once the agency offers the extended terms as its own (the round after the extension), xAI may accept them.
            if ((await EventsAsync(runId)).OfType<SameTermsExtended>().SingleOrDefault(x => x.To.Contains("xai")) is { } extension &&
                seat.GetProperty("negotiations")[0].GetProperty("theirStandingOffer").GetProperty("terms").Deserialize<Dictionary<string, string>>()!
                    .OrderBy(kv => kv.Key).SequenceEqual(extension.Terms.OrderBy(kv => kv.Key))) break;
            var passed = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round = seat.GetProperty("waiting").GetProperty("round").GetInt32(), moves = new[] { new { kind = "pass" } } }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, passed.StatusCode);
        }

        var extended = (await EventsAsync(runId)).OfType<SameTermsExtended>().Single().Terms;
        var negotiation = seat.GetProperty("negotiations")[0];
        var shown = negotiation.GetProperty("theirStandingOffer").GetProperty("terms").Deserialize<Dictionary<string, string>>()!;
        Assert.Equal(extended.OrderBy(kv => kv.Key), shown.OrderBy(kv => kv.Key));
        var older = negotiation.GetProperty("offers").EnumerateArray().First(o => o.GetProperty("from").GetString() == "dow").GetProperty("terms").Deserialize<Dictionary<string, string>>()!;
        Assert.NotEqual(shown.OrderBy(kv => kv.Key), older.OrderBy(kv => kv.Key));
        var round = seat.GetProperty("waiting").GetProperty("round").GetInt32();

        var stale = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "accept", terms = older } } }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var refused = await stale.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("no longer the one you accepted", refused.GetProperty("errors")[0].GetString());
        Assert.Equal(shown.OrderBy(kv => kv.Key), refused.GetProperty("standing").Deserialize<Dictionary<string, string>>()!.OrderBy(kv => kv.Key));
        Assert.Equal(JsonValueKind.Object, (await SeatAsync(code)).GetProperty("waiting").ValueKind);

        var taken = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "accept", terms = shown } } }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        var signed = await WaitForAsync(async () => (await EventsAsync(runId)).OfType<AgreementSigned>().SingleOrDefault(a => a.Vendor == "xai"));
        Assert.Equal("xai", signed.AcceptedBy);
        Assert.Equal(shown.OrderBy(kv => kv.Key), signed.Terms.OrderBy(kv => kv.Key));
    }

    /// <summary>
    /// classroom.md 1.1: the scenario never asks for the same terms in a person's name. OpenAI's seat is offered the
    /// request beside its acceptance; sent with it, the request is recorded in the round it signs, as OpenAI's own.
    /// </summary>
    [Fact]
    public async Task A_seat_asks_for_the_same_terms_by_its_own_choice_and_the_scenario_never_asks_for_it()
    {
        var session = await OpenAsync(1, ["openai"]);
        var code = Code(session, 1, "openai");
        var runId = session.GetProperty("groups")[0].GetProperty("runId").GetString()!;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        int? signedIn = null;
        while (signedIn is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "OpenAI could not accept in 60 s");
            var seat = await SeatAsync(code);
            if (seat.GetProperty("waiting").ValueKind != JsonValueKind.Object) { await Task.Delay(20, Ct); continue; }
            var round = seat.GetProperty("waiting").GetProperty("round").GetInt32();
            var allowed = seat.GetProperty("allowed").EnumerateArray().ToList();
            var ask = allowed.Single(m => m.GetProperty("kind").GetString() == "ask_same_terms");
            Assert.True(ask.GetProperty("allowed").GetBoolean());
            var mayAccept = allowed.Single(m => m.GetProperty("kind").GetString() == "accept").GetProperty("allowed").GetBoolean();
            object[] moves = mayAccept
                ? [new { kind = "accept", terms = seat.GetProperty("negotiations")[0].GetProperty("theirStandingOffer").GetProperty("terms") }, new { kind = "ask_same_terms" }]
                : [new { kind = "pass" }];
            var sent = await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            if (mayAccept) signedIn = round;
        }

        var signed = await WaitForAsync(async () => (await EventsAsync(runId)).OfType<AgreementSigned>().SingleOrDefault(a => a.Vendor == "openai"));
        var events = await EventsAsync(runId);
        Assert.Equal((signedIn, "openai"), (signed.Round, signed.AcceptedBy));
        Assert.Equal(signedIn, Assert.Single(events.OfType<SameTermsRequested>()).Round);
        Assert.DoesNotContain(events, e => e is StatementMade { Party: "openai", Trigger: not StatementTrigger.Unprompted });
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> read) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await read() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "not there after 30 s");
            await Task.Delay(20, Ct);
        }
    }

    [Fact]
    public async Task A_group_played_through_the_api_ends_and_a_group_the_instructor_advances_plays_as_the_policy_would()
    {
        var session = await OpenAsync(2, Everyone);
        var id = session.GetProperty("session").GetString()!;
        var runs = session.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("runId").GetString()!).ToArray();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await ConcludedAsync(runs[0]) || !await ConcludedAsync(runs[1]))
        {
            Assert.True(DateTime.UtcNow < deadline, "the groups did not finish in 90 s");
            foreach (var party in Everyone)
            {
                var seat = await SeatAsync(Code(session, 1, party));
                if (seat.GetProperty("waiting").ValueKind != JsonValueKind.Object) continue;
                var waiting = seat.GetProperty("waiting");
                object move = waiting.GetProperty("kind").GetString() switch
                {
                    "answer_threat" => new { kind = "answer_threat", answer = "hold" },
                    "answer_designation" => new { kind = "answer_designation", answer = "litigate" },
                    _ => new { kind = "statement", text = $"{party} holds its position." },
                };
                var response = await server.Anyone.PostAsJsonAsync($"/api/seats/{Code(session, 1, party)}/moves", new { round = waiting.GetProperty("round").GetInt32(), moves = new[] { move } }, Ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/advance", new { group = 2 }, Ct)).StatusCode);
            await Task.Delay(20, Ct);
        }

        var played = await EventsAsync(runs[0]);
        Assert.All(played.OfType<RunConcluded>().Single().Outcomes, o => Assert.Equal(OutcomeResult.Deadline, o.Result));
        Assert.Equal(played.OfType<RoundStarted>().Count() * Everyone.Length, played.OfType<StatementMade>().Count(s => s.Trigger == StatementTrigger.Unprompted));
        var scenario = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "../../../../../scenarios/the-whole-story.yaml")).Scenario!;
        // The policy's run of a group of persons: every move the policy's, and nothing said or asked in a person's
        // name that the person did not choose (classroom.md 1.1), which the policy's run with nobody playing has.
        var opening = Decider.Decide(RunState.Empty, new OpenRun(scenario, 7, Everyone));
        var policy = opening.Concat(Simulation.Continue(Evolution.Fold(opening))).Skip(1).Select(EventJson.Serialize);
        var advanced = await EventsAsync(runs[1]);
        Assert.Equal(policy, advanced.Skip(1).Where(e => e is not PolicyStoodIn).Select(EventJson.Serialize));
        Assert.Contains(Simulation.Run(scenario, 7), e => e is StatementMade { Trigger: not StatementTrigger.Unprompted });
        Assert.DoesNotContain(advanced, e => e is StatementMade { Trigger: not StatementTrigger.Unprompted } or SameTermsRequested);
        // Recorded as such: every round, the people the instructor's advance moved for; a party whose negotiations
        // are all over is not asked, so once every negotiation has ended (the run waits for a ruling) nobody is.
        var stoodIn = advanced.OfType<PolicyStoodIn>().ToList();
        Assert.Equal(Everyone.Order(), stoodIn.Where(s => s.Round == 1).Select(s => s.Party).Order());
        Assert.All(stoodIn, s => Assert.Equal("the instructor advanced the round", s.Reason));
        var lastOpen = advanced.OfType<RunConcluded>().Single().Outcomes.Max(o => o.Round);
        Assert.Equal(advanced.OfType<RoundStarted>().Select(r => r.Round).Where(r => r <= lastOpen), stoodIn.Select(s => s.Round).Distinct());
        foreach (var vendor in new[] { "openai", "xai" })
        {
            var signed = advanced.OfType<AgreementSigned>().Single(a => a.Vendor == vendor).Round;
            Assert.DoesNotContain(stoodIn, s => s.Party == vendor && s.Round > signed);
        }
        Assert.DoesNotContain(played, e => e is PolicyStoodIn);
        var opened = (NegotiationOpened)advanced[0];
        await using (var engine = await Negotiation.Actors.NegotiationEngine.StartAsync(new Negotiation.Persistence.InMemoryEventStore(), Ct, new Negotiation.Actors.RecordedMoveSource(advanced)))
        {
            var rerun = (await engine.RunAsync("verify", opened.Scenario, opened.Seed, Ct, opened.Humans)).Events.Select(e => EventJson.Serialize(e.Event));
            Assert.Equal(advanced.Select(EventJson.Serialize), rerun);
        }
        var status = await server.Instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct);
        Assert.All(status.GetProperty("groups").EnumerateArray(), g => Assert.True(g.GetProperty("concluded").GetBoolean()));

        // The server folds each run on from what it read before: what it kept is what a fold of the stored run gives.
        var (kept, keptState) = await server.Sessions.ReadAsync(runs[0], Ct);
        var fresh = Evolution.Fold(played);
        Assert.Equal(played.Count, kept.Count);
        Assert.Equal((fresh.Round, fresh.EventCount, fresh.Concluded), (keptState.Round, keptState.EventCount, keptState.Concluded));
        foreach (var party in Everyone)
            Assert.Equal(JsonSerializer.Serialize(Negotiation.Core.Seats.SeatViews.Of(played, fresh, party)), JsonSerializer.Serialize(Negotiation.Core.Seats.SeatViews.Of(kept, keptState, party)));
    }

    [Fact]
    public async Task While_paused_no_round_closes_and_on_resume_it_does()
    {
        var session = await OpenAsync(1, ["anthropic"]);
        var id = session.GetProperty("session").GetString()!;
        var code = Code(session, 1, "anthropic");
        var runId = session.GetProperty("groups")[0].GetProperty("runId").GetString()!;
        var round = await WaitingRoundAsync(code);

        Assert.Equal(HttpStatusCode.OK, (await server.Instructor.PostAsync($"/api/sessions/{id}/pause", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct)).StatusCode);
        // The moves are taken and held, not released: the seat's actor still holds its question with them (a released
        // one is gone), so the round cannot close; no sleep is needed to see that nothing happened.
        Assert.True(await server.Sessions.SeatAsync(server.Sessions.SeatOf(code)!.Value.Group, server.Sessions.SeatOf(code)!.Value.Seat, Ct)
            is { Taken: true, Asked: { } held } && held.Round == round);
        Assert.Equal(round - 1, Evolution.Fold(await EventsAsync(runId)).Round);
        Assert.True((await SeatAsync(code)).GetProperty("paused").GetBoolean());
        Assert.True((await server.Instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct)).GetProperty("paused").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await server.Instructor.PostAsync($"/api/sessions/{id}/resume", null, Ct)).StatusCode);
        Assert.Equal(round + 1, await WaitingRoundAsync(code));
        Assert.Equal(round, Evolution.Fold(await EventsAsync(runId)).Round);
    }

    [Fact]
    public async Task Live_news_reaches_every_seat_of_every_group_next_round_and_the_run_still_verifies()
    {
        var session = await OpenAsync(2, ["anthropic"]);
        var id = session.GetProperty("session").GetString()!;
        var codes = new[] { Code(session, 1, "anthropic"), Code(session, 2, "anthropic") };
        var runId = session.GetProperty("groups")[0].GetProperty("runId").GetString()!;
        var round = await WaitingRoundAsync(codes[0]);
        Assert.Equal(round, await WaitingRoundAsync(codes[1]));

        var news = await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/world", new { text = "Congress opens an inquiry" }, Ct);
        var unknown = await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/world", new { @lock = new { party = "openai", term = "nowhere", option = "x" } }, Ct);

        Assert.Equal(HttpStatusCode.OK, news.StatusCode);
        var announced = (await news.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("announced").EnumerateArray().ToList();
        Assert.Equal([round + 1, round + 1], announced.Select(a => a.GetProperty("round").GetInt32()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains(await ErrorsAsync(unknown), e => e.Contains("there is no term `nowhere`", StringComparison.Ordinal));
        foreach (var code in codes)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct)).StatusCode);
            Assert.Equal(round + 1, await WaitingRoundAsync(code));
            var heard = (await SeatAsync(code)).GetProperty("public").EnumerateArray().Where(p => p.GetProperty("kind").GetString() == "news").ToList();
            Assert.Contains(heard, p => p.GetProperty("text").GetString() == "Congress opens an inquiry" && p.GetProperty("round").GetInt32() == round + 1);
        }

        while (!await ConcludedAsync(runId))
        {
            await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/advance", new { group = 1 }, Ct);
            await Task.Delay(20, Ct);
        }
        var stored = await EventsAsync(runId);
        var opened = (NegotiationOpened)stored[0];
        await using var engine = await Negotiation.Actors.NegotiationEngine.StartAsync(new Negotiation.Persistence.InMemoryEventStore(), Ct, new Negotiation.Actors.RecordedMoveSource(stored));
        var rerun = (await engine.RunAsync("verify", opened.Scenario, opened.Seed, Ct, opened.Humans)).Events.Select(e => EventJson.Serialize(e.Event));
        Assert.Equal(stored.Select(EventJson.Serialize), rerun);
        Assert.Single(stored.OfType<WorldAnnounced>());
    }

    [Fact]
    public async Task The_debrief_shows_every_group_and_needs_the_key()
    {
        var session = await OpenAsync(2, []);
        var id = session.GetProperty("session").GetString()!;
        foreach (var group in session.GetProperty("groups").EnumerateArray())
            while (!await ConcludedAsync(group.GetProperty("runId").GetString()!)) await Task.Delay(20, Ct);

        var page = await server.Anyone.GetAsync($"/sessions/{id}/debrief?key={RunningServer.Key}", Ct);
        var refused = await server.Anyone.GetAsync($"/sessions/{id}/debrief", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("group 1", html);
        Assert.Contains("group 2", html);
        Assert.Contains("<svg", html);
        // Issue 19: a screen per question of the discussion, before the detail.
        var questions = new[] { "1. How did each group end?", "2. Who did better?", "3. Which red lines hold only on paper?", "4. Where did the deals land?", "Every negotiation in detail" };
        Assert.True(questions.Select(q => html.IndexOf(q, StringComparison.Ordinal)).SequenceEqual(questions.Select(q => html.IndexOf(q, StringComparison.Ordinal)).Order()), "the questions in order");
        Assert.DoesNotContain(-1, questions.Select(q => html.IndexOf(q, StringComparison.Ordinal)));
        // The whole story's signers keep their surveillance line on paper only: the third question names them.
        var third = html[html.IndexOf("3. Which red lines", StringComparison.Ordinal)..html.IndexOf("4. Where", StringComparison.Ordinal)];
        Assert.Contains("OpenAI: no-domestic-surveillance", third);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_projectors_live_stream_tells_each_group_in_sentences_and_moves_with_the_seats()
    {
        var session = await OpenAsync(2, ["anthropic"]);
        var id = session.GetProperty("session").GetString()!;
        var code = Code(session, 1, "anthropic");
        var round = await WaitingRoundAsync(code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync($"/api/sessions/{id}/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anyone.GetAsync($"/api/sessions/nope/live?key={RunningServer.Key}", Ct)).StatusCode);
        using var response = await server.Anyone.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/live?key={RunningServer.Key}"), HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        async Task<JsonElement> NextAsync()
        {
            while (await reader.ReadLineAsync(Ct) is { } line)
                if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line["data: ".Length..]).RootElement;
            throw new EndOfStreamException();
        }

        var first = await NextAsync();
        Assert.Equal(["anthropic"], first.GetProperty("groups")[0].GetProperty("waitingFor").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("The Department of War buys AI from three vendors at once", first.GetProperty("groups")[0].GetProperty("minutes").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("OpenAI and Amazon announce OpenAI models on AWS", first.GetProperty("scripted")[0].GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct)).StatusCode);
        var next = await NextAsync();
        while (next.GetProperty("groups")[0].GetProperty("round").GetInt32() < round) next = await NextAsync();
        Assert.Contains($"Round {round}", next.GetProperty("groups")[0].GetProperty("minutes").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task The_teaching_note_is_the_scenario_files_header_for_the_instructor_only()
    {
        var session = await OpenAsync(1, []);
        var id = session.GetProperty("session").GetString()!;

        var note = await server.Anyone.GetAsync($"/sessions/{id}/note?key={RunningServer.Key}", Ct);

        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        var html = await note.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Questions for the class:", html);
        Assert.Contains("What would OpenAI&#39;s outcome be", html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anyone.GetAsync($"/sessions/{id}/note", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anyone.GetAsync($"/sessions/nope/note?key={RunningServer.Key}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_seats_live_stream_pushes_its_view_again_when_the_round_moves_on()
    {
        var session = await OpenAsync(1, ["anthropic"]);
        var code = Code(session, 1, "anthropic");
        var round = await WaitingRoundAsync(code);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/seats/{code}/live");
        using var response = await server.Anyone.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        async Task<JsonElement> NextViewAsync()
        {
            while (await reader.ReadLineAsync(Ct) is { } line)
                if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line["data: ".Length..]).RootElement;
            throw new EndOfStreamException();
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var first = await NextViewAsync();
        Assert.Equal(round, first.GetProperty("waiting").GetProperty("round").GetInt32());
        Assert.Equal(JsonSerializer.Serialize(await SeatAsync(code)), JsonSerializer.Serialize(first));
        Assert.Equal(HttpStatusCode.Accepted, (await server.Anyone.PostAsJsonAsync($"/api/seats/{code}/moves", new { round, moves = new[] { new { kind = "pass" } } }, Ct)).StatusCode);
        var pushed = await NextViewAsync();
        while (pushed.GetProperty("waiting").ValueKind != JsonValueKind.Object) pushed = await NextViewAsync();
        Assert.Equal(round + 1, pushed.GetProperty("waiting").GetProperty("round").GetInt32());
    }

    [Fact]
    public async Task With_a_round_timer_a_seat_that_does_not_move_gets_the_policys_moves_when_its_time_is_up()
    {
        var response = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 1, humans = new[] { "anthropic" }, seed = 7, roundSeconds = 1 }, Ct);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var code = Code(session, 1, "anthropic");
        var runId = session.GetProperty("groups")[0].GetProperty("runId").GetString()!;

        var round = await WaitingRoundAsync(code);
        var until = (await SeatAsync(code)).GetProperty("waiting").GetProperty("until").GetDateTimeOffset();
        // The seat's deadline is at most its round's time away (a slow machine only brings it nearer): no margin to miss.
        Assert.True(until - DateTimeOffset.UtcNow <= TimeSpan.FromSeconds(1), $"until {until:O}");
        // Wait for the event itself, however long a loaded machine takes.
        for (var i = 0; i < 600 && Evolution.Fold(await EventsAsync(runId)).Round < round; i++) await Task.Delay(50, Ct);

        var events = await EventsAsync(runId);
        var policy = Simulation.Run(ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "../../../../../scenarios/the-whole-story.yaml")).Scenario!, 7);
        Assert.Equal(
            policy.Where(e => e.Round == round && e is OfferMade { From: "anthropic" }).Select(EventJson.Serialize),
            events.Where(e => e.Round == round && e is OfferMade { From: "anthropic" }).Select(EventJson.Serialize));
        Assert.Equal(new PolicyStoodIn(round, "anthropic", "the round's time ran out"), events.OfType<PolicyStoodIn>().First());
        var bad = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", roundSeconds = 0 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<bool> ConcludedAsync(string runId) => (await EventsAsync(runId)) is { Count: > 0 } events && events[^1] is RunConcluded;

    private async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId) =>
        (await server.Store.ReadAsync(runId, null, Ct)).Select(e => e.Event).ToList();
}
