using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Resolvers;
using Negotiation.Core.Reports;

namespace Negotiation.Cli.Commands;

/// <summary>
/// A sweep as a cluster's worker nodes receive it (issue 21): the scenario file's own text and everything the
/// command line said about the sweep, so every node makes the same <see cref="SweepSetup"/> and plays the same
/// runs under the same ids. Where the sweep stores its runs, <see cref="Db"/> names the database; a node given
/// a database of its own (`--db`, NEGOTIATION_DB) uses that one instead (docs/scale-out.md).
/// </summary>
internal sealed record SweepJob(
    string File, string Text, string Seeds, string[] Vary, string Design, int? Samples, string? Discover,
    string SweepId, bool Analyse, string? Db)
{
    public string ToJson() => JsonSerializer.Serialize(this, SweepWire.Default.SweepJob);

    public static SweepJob FromJson(string json) => JsonSerializer.Deserialize(json, SweepWire.Default.SweepJob) ?? throw new BadInputException("an empty sweep job");

    public SweepSetup Setup()
    {
        var loaded = Scenarios.ScenarioLoader.Parse(Text, File);
        if (!loaded.Ok) throw new BadInputException(string.Join(Environment.NewLine, loaded.Errors));
        return SweepSetup.Of(loaded.Scenario!, SweepSetup.ParseRange(Seeds), Vary, Design, Samples, Discover);
    }

    /// <summary>
    /// A chunk's results as they cross the network, every figure as the machine that played it computed it, every map
    /// in its order: MessagePack, which the sweep's process decodes three to four times faster than JSON (11 to 14 us
    /// a run against 3.7 on the bench file), at 270 bytes a run instead of 430.
    /// </summary>
    public static byte[] Results(SweepRunResult[] results) => MessagePackSerializer.Serialize(results, Packed);

    public static SweepRunResult[] Results(byte[] packed) => MessagePackSerializer.Deserialize<SweepRunResult[]>(packed, Packed) ?? [];

    /// <summary>The results' records as they are, no attributes on the core's types: members are written by name.</summary>
    private static readonly MessagePackSerializerOptions Packed = ContractlessStandardResolver.Options;
}

/// <summary>The job's JSON, generated at build time.</summary>
[JsonSerializable(typeof(SweepJob))]
internal sealed partial class SweepWire : JsonSerializerContext;
