using Xunit;

namespace Negotiation.Testing;

/// <summary>A class fixture: one fresh database per test class, so classes run in parallel.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        ConnectionString = await server.CreateDatabaseAsync("test");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
