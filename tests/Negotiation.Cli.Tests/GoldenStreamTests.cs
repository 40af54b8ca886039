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

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_scenario_plays_out_exactly_as_recorded(string file)
    {
        var scenario = ScenarioLoader.Load(Cli.Scenario(file)).Scenario!;
        var golden = EventFile.Read(Path.Combine(Cli.Repo, "tests", "Negotiation.Cli.Tests", "Golden", Path.ChangeExtension(file, ".jsonl")));

        var played = Simulation.Run(scenario, scenario.Seed);

        var expected = golden.Select(e => $"{EventTypes.NameOf(e.Event)} {EventJson.Serialize(e.Event)}").ToList();
        var actual = played.Select(e => $"{EventTypes.NameOf(e)} {EventJson.Serialize(e)}").ToList();
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
            Assert.True(i < expected.Count && i < actual.Count && expected[i] == actual[i],
                $"event {i + 1} differs:\n  recorded: {(i < expected.Count ? expected[i] : "(none)")}\n  played:   {(i < actual.Count ? actual[i] : "(none)")}");
    }
}
