using System.Text.Json;
using System.Text.Json.Serialization;
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
        return SweepSetup.Of(loaded.Scenario!, Seeds, Vary, Design, Samples, Discover);
    }

    /// <summary>A chunk's results as they cross the network: every figure as the machine that played it computed it.</summary>
    public static byte[] Results(SweepRunResult[] results) => JsonSerializer.SerializeToUtf8Bytes(results, SweepWire.Default.SweepRunResultArray);

    public static SweepRunResult[] Results(byte[] json) => JsonSerializer.Deserialize(json, SweepWire.Default.SweepRunResultArray) ?? [];
}

/// <summary>
/// The wire's JSON, generated at build time: a coordinator decodes every run's results, and the reflection-based
/// serializer took a fifth to a third longer (a chunk of the bench file, of the story). A Nash product of a deal
/// nobody gains from can be infinite; the wire keeps it as it is.
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SweepJob))]
[JsonSerializable(typeof(SweepRunResult[]))]
internal sealed partial class SweepWire : JsonSerializerContext;
