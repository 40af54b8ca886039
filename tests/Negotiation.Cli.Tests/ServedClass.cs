using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Negotiation.Cli.Tests;

/// <summary>A `negotiate serve` in a process of its own, as the tests of the program and of its container reach it.</summary>
internal static class ServedClass
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The first line the server prints that starts so, waited for up to a minute.</summary>
    public static async Task<string> LineStartingAsync(Process process, string start)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (line.StartsWith(start, StringComparison.Ordinal)) return line;
        throw new InvalidOperationException($"the server ended before printing `{start}`: {await process.StandardError.ReadToEndAsync(Ct)}");
    }

    /// <summary>The instructor's key in the URL the server printed.</summary>
    public static string KeyOf(string url) => url[(url.IndexOf("?key=", StringComparison.Ordinal) + "?key=".Length)..];

    /// <summary>Opens a session of one group nobody plays and waits until its run has concluded: the session's id and the run's.</summary>
    public static async Task<(string Session, string RunId)> PlayPolicyGroupAsync(HttpClient instructor)
    {
        var opened = await instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 1, humans = Array.Empty<string>() }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var session = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = session.GetProperty("session").GetString()!;
        for (var i = 0; i < 200 && !(await instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct)).GetProperty("groups")[0].GetProperty("concluded").GetBoolean(); i++)
            await Task.Delay(100, Ct);
        return (id, session.GetProperty("groups")[0].GetProperty("runId").GetString()!);
    }
}
