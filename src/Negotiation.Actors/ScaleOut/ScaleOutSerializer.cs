using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;
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

    public override byte[] ToBinary(object obj) => obj is ChunkPlayed played ? Played(played) : JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType());

    public override object FromBinary(byte[] bytes, string manifest) =>
        manifest == "played" ? Played(bytes)
        : Types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type) ?? throw new SerializationException($"an empty {manifest} message")
            : throw new SerializationException($"{manifest}: not a scale-out message this build knows");

    /// <summary>
    /// A chunk's results are most of the traffic: their text goes as it is, after the sweep's name and the chunk's
    /// index, not escaped into a JSON string (which cost the coordinator more than reading the results).
    /// </summary>
    private static byte[] Played(ChunkPlayed played)
    {
        var sweep = Encoding.UTF8.GetBytes(played.Sweep);
        var bytes = new byte[4 + sweep.Length + 8 + played.Results.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, sweep.Length);
        sweep.CopyTo(bytes, 4);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4 + sweep.Length), played.Index);
        played.Results.CopyTo(bytes, 4 + sweep.Length + 8);
        return bytes;
    }

    private static ChunkPlayed Played(byte[] bytes)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (length < 0 || length > bytes.Length - 12) throw new SerializationException("a chunk's results, cut short");
        return new ChunkPlayed(Encoding.UTF8.GetString(bytes, 4, length), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4 + length)), bytes[(4 + length + 8)..]);
    }
}
