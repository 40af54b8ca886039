using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Negotiation.Actors;
using Negotiation.Persistence;

namespace Negotiation.Classroom.Tests;

/// <summary>A real class server on a free port of 127.0.0.1, with the real engine and an in-memory run store.</summary>
public sealed class ClassServerFixture : IAsyncLifetime
{
    public const string Key = "test-instructor-key";

    private NegotiationEngine _engine = null!;
    private WebApplication _app = null!;

    public InMemoryEventStore Store { get; } = new();

    public HttpClient Anyone { get; private set; } = null!;

    public HttpClient Instructor { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var desk = new SeatDesk();
        _engine = await NegotiationEngine.StartAsync(Store, CancellationToken.None, desk);
        _app = ClassServer.Build(new ServeOptions("127.0.0.1", 0, Key, Path.Combine(Root(), "scenarios")), new ClassSessions(_engine, Store, desk));
        await _app.StartAsync();
        var address = new Uri(_app.Urls.First());
        Anyone = new HttpClient { BaseAddress = address };
        Instructor = new HttpClient { BaseAddress = address };
        Instructor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public async ValueTask DisposeAsync()
    {
        Anyone.Dispose();
        Instructor.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Negotiation.sln"))) return dir.FullName;
        throw new InvalidOperationException("no repository root above the tests");
    }
}
