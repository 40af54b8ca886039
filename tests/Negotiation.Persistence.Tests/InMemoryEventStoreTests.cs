using Negotiation.Core.Storage;

namespace Negotiation.Persistence.Tests;

public sealed class InMemoryEventStoreTests : EventStoreContract
{
    private readonly InMemoryEventStore _shared = new();

    protected override Task<IEventStore> FreshStoreAsync() => Task.FromResult<IEventStore>(new InMemoryEventStore());

    protected override Task<IEventStore> SharedStoreAsync() => Task.FromResult<IEventStore>(_shared);
}
