using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>
/// `negotiate serve` as a class starts it: the real program in its own process, its printed instructor URL and
/// key, the loopback default, the warning for a network address, its sessions kept in their folder, and its
/// groups' runs ordinary runs that `verify` checks.
/// </summary>
public class ServeProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Issue 18: after a restart, moves already taken (202) for the open round were lost and those students were
    /// asked again. Now moves taken are kept until their round is stored: the server is killed (SIGKILL) with a
    /// person's moves taken and the round still open, comes back, does not ask that person again, and the round
    /// is stored with the moves they sent.
    /// </summary>
    [Fact]
    public async Task Moves_taken_survive_a_kill_of_the_server_and_their_sender_is_not_asked_again()
    {
        var runs = Directory.CreateTempSubdirectory("serve-runs-").FullName;
        var sessions = Directory.CreateTempSubdirectory("serve-sessions-").FullName;
        const string key = "a-long-enough-instructor-key";
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_RUNS"] = runs, ["NEGOTIATION_INSTRUCTOR_KEY"] = key };
        var bans = new Dictionary<string, string>
        {
            ["usage_scope"] = "enumerated-uses", ["domestic_surveillance"] = "contractual-ban", ["autonomous_weapons"] = "human-in-the-loop-required",
            ["safety_stack"] = "vendor-controlled", ["deployment"] = "on-premises",
        };
        string runId, anthropic, dow;

        var port = Ports.Free();
        using (var first = Cli.Start(environment, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sessions", sessions))
        {
            try
            {
                await ServedClass.LineStartingAsync(first, "instructor: ");
                using var client = Client(port, key);
                var opened = await (await client.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 1, humans = new[] { "dow", "anthropic" } }, Ct))
                    .Content.ReadFromJsonAsync<JsonElement>(Ct);
                var group = opened.GetProperty("groups")[0];
                runId = group.GetProperty("runId").GetString()!;
                var seats = group.GetProperty("seats").EnumerateArray().ToDictionary(s => s.GetProperty("party").GetString()!, s => s.GetProperty("code").GetString()!);
                (anthropic, dow) = (seats["anthropic"], seats["dow"]);
                Assert.Equal(1, await AskedAsync(client, anthropic));
                var taken = await client.PostAsJsonAsync($"/api/seats/{anthropic}/moves", new { round = 1, moves = new[] { new { kind = "offer", terms = bans } } }, Ct);
                Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
                Assert.Equal(1, await AskedAsync(client, dow));
            }
            finally
            {
                first.Kill(entireProcessTree: true); // SIGKILL: nothing of the server's own shutdown runs
                await first.WaitForExitAsync(Ct);
            }
        }

        port = Ports.Free();
        using var second = Cli.Start(environment, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sessions", sessions);
        try
        {
            await ServedClass.LineStartingAsync(second, "instructor: ");
            using var client = Client(port, key);
            Assert.Equal(1, await AskedAsync(client, dow));
            Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>($"/api/seats/{anthropic}", Ct)).GetProperty("waiting").ValueKind);
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/seats/{dow}/moves", new { round = 1, moves = new[] { new { vendor = "anthropic", kind = "pass" }, new { vendor = "openai", kind = "pass" }, new { vendor = "xai", kind = "pass" } } }, Ct)).StatusCode);
            Assert.Equal(2, await AskedAsync(client, anthropic));

            var events = (await new Negotiation.Persistence.LocalRunStore(runs).ReadAsync(runId, null, Ct)).Select(e => e.Event).ToList();
            var offer = events.OfType<Core.Events.OfferMade>().Single(o => o.Round == 1 && o.From == "anthropic");
            Assert.Equal(bans.OrderBy(kv => kv.Key), offer.Terms.OrderBy(kv => kv.Key));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(Ct);
        }
    }

    private static HttpClient Client(int port, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    // The round the seat is asked in, waited for however long a loaded machine takes (up to a minute).
    private static async Task<int> AskedAsync(HttpClient client, string code)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var response = await client.GetAsync($"/api/seats/{code}", Ct);
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("waiting") is { ValueKind: JsonValueKind.Object } waiting)
                return waiting.GetProperty("round").GetInt32();
            Assert.True(DateTime.UtcNow < deadline, $"{code} was not asked in a minute");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task The_server_prints_its_instructor_url_with_a_generated_key_and_a_policy_group_is_an_ordinary_run()
    {
        var runs = Directory.CreateTempSubdirectory("serve-runs-").FullName;
        var sessions = Directory.CreateTempSubdirectory("serve-sessions-").FullName;
        var port = Ports.Free();
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_RUNS"] = runs, ["NEGOTIATION_INSTRUCTOR_KEY"] = null };
        using var server = Cli.Start(environment, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sessions", sessions);
        try
        {
            var url = (await ServedClass.LineStartingAsync(server, "instructor: "))["instructor: ".Length..];
            Assert.StartsWith($"http://127.0.0.1:{port}/?key=", url);
            var key = ServedClass.KeyOf(url);
            Assert.Matches("^[0-9a-f]{32}$", key);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml" }, Ct)).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var (id, runId) = await ServedClass.PlayPolicyGroupAsync(client);
            Assert.True(File.Exists(Path.Combine(sessions, $"{id}.json")));
            var verified = await Cli.ProcessAsync(environment, "verify", runId);
            Assert.True(verified.ExitCode == 0, verified.Out + verified.Err);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Ct);
        }
    }

    [Fact]
    public async Task A_network_address_is_served_with_a_warning_and_the_key_from_the_environment_and_sigterm_stops_it_cleanly()
    {
        var port = Ports.Free();
        var environment = new Dictionary<string, string?>
        {
            ["NEGOTIATION_INSTRUCTOR_KEY"] = "class-key",
            ["NEGOTIATION_SESSIONS"] = Directory.CreateTempSubdirectory("serve-sessions-").FullName,
            ["NEGOTIATION_RUNS"] = Directory.CreateTempSubdirectory("serve-runs-").FullName,
        };
        // classroom.md 1.1: every link starts with the public URL the class reaches the server by.
        using var server = Cli.Start(environment, "serve", "--host", "0.0.0.0", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--public-url", "http://class.example:8080/");
        try
        {
            Assert.Equal("instructor: http://class.example:8080/?key=class-key", await ServedClass.LineStartingAsync(server, "instructor: "));
            // The seat links the opening page shows, and those handed out, start with it too, not with the address asked.
            using (var client = Client(port, "class-key"))
            {
                var opened = await (await client.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 1, humans = new[] { "anthropic" } }, Ct))
                    .Content.ReadFromJsonAsync<JsonElement>(Ct);
                var seat = opened.GetProperty("groups")[0].GetProperty("seats")[0];
                var code = seat.GetProperty("code").GetString()!;
                Assert.Equal($"http://class.example:8080/play/{code}", seat.GetProperty("url").GetString());
                var handedOut = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{opened.GetProperty("session").GetString()}/seats", Ct);
                Assert.Equal($"http://class.example:8080/play/{code}", handedOut[0].GetProperty("url").GetString());
            }
            // SIGTERM, as `docker compose stop` sends it: the server stops of itself, cleanly.
            using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync(Ct);
            using var stopped = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            stopped.CancelAfter(TimeSpan.FromSeconds(20));
            await server.WaitForExitAsync(stopped.Token);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
        Assert.Equal(0, server.ExitCode);
        var error = await server.StandardError.ReadToEndAsync(Ct);
        // Issue 23: a short key is served, with a warning that says why it should be longer.
        Assert.Equal([
            "negotiate: warning: the instructor key is 9 characters long: whoever guesses it runs the class; use 16 or more (or leave NEGOTIATION_INSTRUCTOR_KEY unset for a generated one)",
            "negotiate: warning: listening on 0.0.0.0: anyone on this network can reach the server; seat codes and the instructor key guard it",
        ], error.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Theory]
    [InlineData("--port", "70000", "--port 70000: from 1 to 65535")]
    [InlineData("--host", "class.local", "--host class.local: an IP address, such as 127.0.0.1 or 0.0.0.0")]
    [InlineData("--scenarios", "no-such-folder", "--scenarios no-such-folder: no such folder")]
    public async Task Bad_options_exit_2_with_one_line_and_serve_nothing(string option, string value, string message)
    {
        var result = await Cli.ProcessAsync(new Dictionary<string, string?>(), "serve", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(message, result.Err);
        Assert.Single(result.Err.Trim().Split('\n'));
    }
}
