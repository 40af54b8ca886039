using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Negotiation.Cli.Tests;

/// <summary>
/// `negotiate serve` as a class starts it: the real program in its own process, its printed instructor URL and
/// key, the loopback default, the warning for a network address, its sessions kept in their folder, and its
/// groups' runs ordinary runs that `verify` checks.
/// </summary>
public class ServeProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_server_prints_its_instructor_url_with_a_generated_key_and_a_policy_group_is_an_ordinary_run()
    {
        var runs = Directory.CreateTempSubdirectory("serve-runs-").FullName;
        var sessions = Directory.CreateTempSubdirectory("serve-sessions-").FullName;
        var port = ServedClass.FreePort();
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
        var port = ServedClass.FreePort();
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_INSTRUCTOR_KEY"] = "class-key", ["NEGOTIATION_SESSIONS"] = Directory.CreateTempSubdirectory("serve-sessions-").FullName };
        using var server = Cli.Start(environment, "serve", "--host", "0.0.0.0", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            Assert.Equal($"instructor: http://127.0.0.1:{port}/?key=class-key", await ServedClass.LineStartingAsync(server, "instructor: "));
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
