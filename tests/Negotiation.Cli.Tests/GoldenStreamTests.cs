using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Persistence;
using Negotiation.Scenarios;

namespace Negotiation.Cli.Tests;

/// <summary>
/// Each scenario file's event stream, recorded in tests/Negotiation.Cli.Tests/Golden: a change to the engine that
/// changes what a scenario plays out fails here, event by event, until it is meant and the file is recorded again
/// (`negotiate run scenarios/F.yaml --out tests/Negotiation.Cli.Tests/Golden/F.jsonl`).
/// </summary>
public class GoldenStreamTests
{
    public static TheoryData<string> Files => [.. ScenarioFilesTests.Expected.Select(row => row.Data.Item1)];

    private static string Golden { get; } = Path.Combine(Cli.Repo, "tests", "Negotiation.Cli.Tests", "Golden");

    /// <summary>The scenario files as they stood before format 1.2, frozen with the streams they played then.</summary>
    public static TheoryData<string> VersionOneFiles => [.. Directory.GetFiles(Path.Combine(Golden, "v1"), "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_scenario_plays_out_exactly_as_recorded(string file) =>
        PlaysAsRecorded(Cli.Scenario(file), Path.Combine(Golden, Path.ChangeExtension(file, ".jsonl")));

    /// <summary>
    /// A file without format 1.2's keys plays exactly the stream it played before values, best responses and
    /// reopening existed: what 1.2 adds changes nothing for a file that does not use it.
    /// </summary>
    [Theory]
    [MemberData(nameof(VersionOneFiles))]
    public void A_version_one_file_plays_the_stream_it_played_before_format_1_2(string file)
    {
        Assert.DoesNotMatch(@"(outcomes|beliefs|best-response|cost_per_round|after_injunction|one_of):", File.ReadAllText(Path.Combine(Golden, "v1", file)));
        PlaysAsRecorded(Path.Combine(Golden, "v1", file), Path.Combine(Golden, "v1", Path.ChangeExtension(file, ".jsonl")));
    }

    private static void PlaysAsRecorded(string scenarioFile, string goldenFile)
    {
        var scenario = ScenarioLoader.Load(scenarioFile).Scenario!;
        var golden = EventFile.Read(goldenFile);

        var played = Simulation.Run(scenario, scenario.Seed);

        var expected = golden.Select(e => $"{EventTypes.NameOf(e.Event)} {EventJson.Serialize(e.Event)}").ToList();
        var actual = played.Select(e => $"{EventTypes.NameOf(e)} {EventJson.Serialize(e)}").ToList();
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
            Assert.True(i < expected.Count && i < actual.Count && expected[i] == actual[i],
                $"event {i + 1} differs:\n  recorded: {(i < expected.Count ? expected[i] : "(none)")}\n  played:   {(i < actual.Count ? actual[i] : "(none)")}");
    }
}
