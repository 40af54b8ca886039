using System.Collections.Frozen;
using System.Text.Json;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace Negotiation.Actors.ScaleOut;

/// <summary>
/// The scale-out messages on the wire: UTF-8 JSON, each type under a stable short name (a renamed class does not
/// break a cluster of mixed builds silently: an unknown name fails loudly), rather than Akka's default serializer.
/// </summary>
public sealed class ScaleOutSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka's serializer ids up to 100 are its own.</summary>
    public const int Id = 4021;

    private static readonly FrozenDictionary<string, Type> Types = new Dictionary<string, Type>
    {
        ["opened"] = typeof(SweepOpened),
        ["assigned"] = typeof(ChunkAssigned),
        ["closed"] = typeof(SweepClosed),
        ["wanted"] = typeof(ChunksWanted),
        ["played"] = typeof(ChunkPlayed),
        ["failed"] = typeof(ChunkFailed),
        ["refused"] = typeof(SweepRefused),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Type, string> Names = Types.ToFrozenDictionary(kv => kv.Value, kv => kv.Key);

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        Names.TryGetValue(o.GetType(), out var name) ? name : throw new ArgumentException($"{o.GetType().Name} is not a scale-out message");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType());

    public override object FromBinary(byte[] bytes, string manifest) =>
        Types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type) ?? throw new SerializationException($"an empty {manifest} message")
            : throw new SerializationException($"{manifest}: not a scale-out message this build knows");
}
