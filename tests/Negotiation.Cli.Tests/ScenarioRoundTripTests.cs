using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>For every scenario file: run into PostgreSQL and a file; replay from both gives the run's summary; verify passes.</summary>
public class ScenarioRoundTripTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    public static TheoryData<string> Files => new(ScenarioFilesTests.Expected.Select(row => row.Data.Item1));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Run_replay_from_database_and_file_and_verify_agree(string file)
    {
        var events = Cli.TempFile("run.jsonl");
        var run = await Cli.RunAsync("run", Cli.Scenario(file), "--db", database.ConnectionString, "--out", events, "--json");
        Assert.Equal(0, run.ExitCode);
        var runId = System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("runId").GetString()!;

        var fromDatabase = await Cli.RunAsync("replay", runId, "--db", database.ConnectionString, "--json");
        var fromFile = await Cli.RunAsync("replay", events, "--json");

        Assert.Equal(run.Out, fromDatabase.Out);
        Assert.Equal(Cli.Without(run.Out, "runId"), Cli.Without(fromFile.Out, "runId"));
        Assert.Equal(0, (await Cli.RunAsync("verify", runId, "--db", database.ConnectionString)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("verify", events)).ExitCode);
        Invariants.Check(Persistence.EventFile.Read(events).Select(e => e.Event).ToList());
    }
}
