using System.Text.Json;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>The real `negotiate` program in its own process: clean standard output, exit codes, NEGOTIATION_DB.</summary>
public class ProcessTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static async Task<(int Code, string Out, string Err)> NegotiateAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var result = await Cli.ProcessAsync(environment, args);
        return (result.ExitCode, result.Out, result.Err);
    }

    [Fact]
    public async Task Json_output_of_the_real_program_is_one_json_object_and_nothing_else()
    {
        var (code, output, error) = await NegotiateAsync(new Dictionary<string, string?>(), "run", "scenarios/the-whole-story.yaml", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public async Task The_database_can_be_named_by_the_environment_variable()
    {
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_DB"] = database.ConnectionString };

        var run = await NegotiateAsync(environment, "run", "scenarios/accept-compromise.yaml", "--json");
        var runId = JsonDocument.Parse(run.Out).RootElement.GetProperty("runId").GetString()!;
        var list = await NegotiateAsync(environment, "list");

        Assert.Equal(0, run.Code);
        Assert.Contains(runId, list.Out);
    }

    [Fact]
    public async Task An_unreachable_database_from_the_environment_exits_3_with_one_line()
    {
        var environment = new Dictionary<string, string?> { ["NEGOTIATION_DB"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2" };

        var (code, output, error) = await NegotiateAsync(environment, "run", "scenarios/accept-compromise.yaml");

        Assert.Equal(3, code);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_scenario_problem_in_the_real_program_exits_2_without_a_stack_trace()
    {
        var bad = Cli.TempFile("bad.yaml");
        await File.WriteAllTextAsync(bad, "name: x\nrounds: [1, 2\n", TestContext.Current.CancellationToken);

        var (code, _, error) = await NegotiateAsync(new Dictionary<string, string?>(), "run", bad);

        Assert.Equal(2, code);
        Assert.Matches(@"^.*bad\.yaml:\d+:\d+: error: YAML syntax", error);
        Assert.DoesNotContain("   at ", error);
    }
}
