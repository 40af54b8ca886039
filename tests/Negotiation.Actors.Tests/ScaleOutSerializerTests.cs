using System.Runtime.Serialization;
using Akka.Actor;
using Negotiation.Actors.ScaleOut;

namespace Negotiation.Actors.Tests;

/// <summary>Issue 21: every scale-out message crosses the wire and comes back equal; what is not one fails loudly.</summary>
public sealed class ScaleOutSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer");

    private ScaleOutSerializer Serializer => new((ExtendedActorSystem)_system);

    public static TheoryData<IScaleOutMessage> Messages() =>
    [
        new SweepOpened("sweep-1", "{\"job\": \"é 合意\"}"),
        new ChunkAssigned("sweep-1", 7, 1792, 256, true),
        new SweepClosed("sweep-1"),
        new ChunksWanted("sweep-1", 2),
        new ChunkFailed("sweep-1", 7, "cannot reach PostgreSQL"),
        new SweepRefused("sweep-1", "no such scenario"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_comes_back_equal(IScaleOutMessage message)
    {
        var bytes = Serializer.ToBinary(message);

        Assert.Equal(message, Serializer.FromBinary(bytes, Serializer.Manifest(message)));
    }

    [Fact]
    public void A_chunk_s_results_come_back_byte_for_byte_with_their_sweep_and_index()
    {
        var results = System.Text.Encoding.UTF8.GetBytes("[{\"Seed\":1,\"Payoffs\":{\"é\":0.1}}]");
        var played = new ChunkPlayed("sweep-é", long.MaxValue, results);

        var read = (ChunkPlayed)Serializer.FromBinary(Serializer.ToBinary(played), Serializer.Manifest(played));

        Assert.Equal(("sweep-é", long.MaxValue), (read.Sweep, read.Index));
        Assert.Equal(results, read.Results);
    }

    [Fact]
    public void A_name_this_build_does_not_know_or_a_cut_message_fails_loudly()
    {
        Assert.Throws<SerializationException>(() => Serializer.FromBinary([1, 2, 3], "renamed"));
        Assert.Throws<SerializationException>(() => Serializer.FromBinary([200, 0, 0, 0, 1], "played"));
        Assert.Throws<ArgumentException>(() => Serializer.Manifest("not a message"));
    }

    public void Dispose() => _system.Dispose();
}
