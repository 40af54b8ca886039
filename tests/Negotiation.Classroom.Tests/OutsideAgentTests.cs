using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Negotiation.Core.Events;

namespace Negotiation.Classroom.Tests;

/// <summary>
/// Issue 19, outside agents: `examples/python-agent/agent.py SEAT_URL` (Python's standard library only) plays a seat of
/// a served class through the real JSON API, to the end of its run, as a person would: nobody stands in for it.
/// </summary>
public class OutsideAgentTests(ClassServerFixture server) : IClassFixture<ClassServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Agent { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../examples/python-agent/agent.py"));

    [Fact]
    public async Task The_example_agent_plays_its_seat_to_the_end_of_the_run_through_the_api()
    {
        var opened = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 1, humans = new[] { "openai" }, seed = 7 }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var session = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var group = session.GetProperty("groups")[0];
        var url = group.GetProperty("seats")[0].GetProperty("url").GetString()!;
        var runId = group.GetProperty("runId").GetString()!;

        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Agent);
        info.ArgumentList.Add(url);
        using var agent = Process.Start(info)!;
        var output = agent.StandardOutput.ReadToEndAsync(Ct);
        var errors = agent.StandardError.ReadToEndAsync(Ct);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await agent.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            agent.Kill();
            Assert.Fail($"the agent did not finish in 2 minutes:\n{await output}\n{await errors}");
        }

        Assert.True(agent.ExitCode == 0, $"the agent exited {agent.ExitCode}: {await errors}");
        Assert.Contains("OpenAI: the run has concluded", await output);
        var events = (await server.Store.ReadAsync(runId, null, Ct)).Select(e => e.Event).ToList();
        Assert.IsType<RunConcluded>(events[^1]);
        // Its own play: it made offers and ended its negotiation, and the policy never stood in for it.
        Assert.Contains(events, e => e is OfferMade { From: "openai" });
        Assert.DoesNotContain(events, e => e is PolicyStoodIn { Party: "openai" });
        Assert.Contains((await output).Split('\n'), line => line.StartsWith("round 1: offer", StringComparison.Ordinal));
    }
}
