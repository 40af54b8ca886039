using Negotiation.Core.Storage;
using Negotiation.Testing;

namespace Negotiation.Persistence.Tests;

public sealed class MartenEventStoreTests(PostgresDatabase database) : EventStoreContract, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    private readonly List<MartenEventStore> _stores = [];

    protected override async Task<IEventStore> FreshStoreAsync()
    {
        var store = await MartenEventStore.ConnectAsync(database.ConnectionString, $"s{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        _stores.Add(store);
        return store;
    }

    protected override async Task<IEventStore> SharedStoreAsync()
    {
        var store = await MartenEventStore.ConnectAsync(database.ConnectionString, ct: TestContext.Current.CancellationToken);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task An_unreachable_database_is_one_line_naming_host_and_port()
    {
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            MartenEventStore.ConnectAsync("Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=3", ct: TestContext.Current.CancellationToken));

        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Contains("docker compose up -d", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }
}
