using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Negotiation.Actors;
using Negotiation.Core.Storage;
using Negotiation.Persistence;

namespace Negotiation.Classroom.Tests;

/// <summary>A real class server on a free port of 127.0.0.1, with the real engine and the given run store.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string Key = "test-instructor-key";

    private readonly WebApplication _app;

    private RunningServer(WebApplication app, ClassSessions sessions)
    {
        _app = app;
        Sessions = sessions;
        var address = new Uri(app.Urls.First());
        Anyone = new HttpClient { BaseAddress = address };
        Instructor = new HttpClient { BaseAddress = address };
        Instructor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public ClassSessions Sessions { get; }

    public HttpClient Anyone { get; }

    public HttpClient Instructor { get; }

    public static async Task<RunningServer> StartAsync(IEventStore store, string sessionsFolder)
    {
        var (app, sessions, _) = await ClassServer.StartAsync(new ServeOptions("127.0.0.1", 0, Key, Path.Combine(Root(), "scenarios")), store, new SeatDesk(), sessionsFolder);
        return new RunningServer(app, sessions);
    }

    public async ValueTask DisposeAsync()
    {
        Anyone.Dispose();
        Instructor.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Negotiation.sln"))) return dir.FullName;
        throw new InvalidOperationException("no repository root above the tests");
    }
}

/// <summary>One server for a test class, over an in-memory run store.</summary>
public sealed class ClassServerFixture : IAsyncLifetime
{
    private RunningServer _server = null!;

    public InMemoryEventStore Store { get; } = new();

    public HttpClient Anyone => _server.Anyone;

    public ClassSessions Sessions => _server.Sessions;

    public HttpClient Instructor => _server.Instructor;

    public async ValueTask InitializeAsync() =>
        _server = await RunningServer.StartAsync(Store, Path.Combine(Path.GetTempPath(), $"sessions-{Guid.NewGuid():N}"));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
