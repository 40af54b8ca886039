using System.Globalization;
using System.Text.Json;
using Negotiation.Testing;
using Parquet;
using Parquet.Schema;

namespace Negotiation.Cli.Tests;

/// <summary>
/// Sweeps that explain (cli.md 1.2): designs over a file's ranges and one_ofs, the tidy table in CSV and Parquet
/// (each row the run of its inputs and seed), sensitivity, and scenario discovery with a box whose answer is known.
/// </summary>
public class SweepDesignTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>refuse-and-litigate with its court delay a whole-number range and Anthropic's answer to a threat a one_of: exact values.</summary>
    private static async Task<string> UncertainStoryAsync()
    {
        var text = (await File.ReadAllTextAsync(Cli.Scenario("refuse-and-litigate.yaml"), Ct))
            .Replace("    on_threat: best-response", "    on_threat: { one_of: [hold, concede] }", StringComparison.Ordinal)
            .Replace("  rounds_to_ruling: 4", "  rounds_to_ruling: { between: [2, 6] }", StringComparison.Ordinal);
        var path = Cli.TempFile("uncertain.yaml");
        await File.WriteAllTextAsync(path, text, Ct);
        return path;
    }

    [Fact]
    public async Task Every_row_of_a_Latin_hypercube_is_the_run_of_its_inputs_and_seed_and_the_Parquet_table_is_the_CSV_table()
    {
        var story = await UncertainStoryAsync();
        var csv = Cli.TempFile("lhs.csv");
        var parquet = Cli.TempFile("lhs.parquet");

        var result = await Cli.RunAsync("sweep", story, "--design", "lhs", "--samples", "6", "--seeds", "1..3", "--csv", csv, "--parquet", parquet, "--json");

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("18 runs (lhs design, 6 points over 2 input(s) x 3 seeds), none stored", result.Err);
        var rows = (await File.ReadAllLinesAsync(csv, Ct)).Select(l => l.Split(',')).ToList();
        string[] header = ["sweep", "run", "seed", "point", "litigation.rounds_to_ruling", "vendors.anthropic.on_threat", "vendor", "result", "round", "litigation",
            "value.dow", "value.anthropic", "payoff.agency", "terms.usage_scope", "terms.domestic_surveillance", "terms.autonomous_weapons", "terms.safety_stack", "terms.deployment", "dow", "anthropic"];
        Assert.Equal(header, rows[0]);
        Assert.Equal(18, rows.Count - 1);
        var sweep = JsonDocument.Parse(result.Out).RootElement.GetProperty("sweep").GetString();
        // A Latin hypercube of 6 over rounds_to_ruling 2..6 and two words: every stratum once.
        var points = rows.Skip(1).GroupBy(r => r[3]).Select(g => g.First()).ToList();
        Assert.Equal(6, points.Count);
        Assert.Equal(3, points.Count(p => p[5] == "hold"));
        foreach (var row in rows.Skip(1).Where((_, i) => i % 4 == 0))
        {
            Assert.Equal($"{sweep}-c0-p{row[3]}-s{row[2]}", row[1]);
            var alone = Cli.TempFile($"alone-{row[3]}.yaml");
            await File.WriteAllTextAsync(alone, (await File.ReadAllTextAsync(story, Ct))
                .Replace("{ one_of: [hold, concede] }", row[5], StringComparison.Ordinal)
                .Replace("{ between: [2, 6] }", row[4], StringComparison.Ordinal), Ct);
            var run = JsonDocument.Parse((await Cli.RunAsync("run", alone, "--in-memory", "--seed", row[2], "--json")).Out).RootElement;
            var outcome = run.GetProperty("outcomes")[0];
            Assert.Equal((outcome.GetProperty("result").GetString(), outcome.GetProperty("round").GetInt32().ToString(CultureInfo.InvariantCulture)), (row[7], row[8]));
            Assert.Equal(outcome.GetProperty("values").GetProperty("anthropic").GetDouble(), double.Parse(row[11], CultureInfo.InvariantCulture), 4);
            Assert.Equal(outcome.GetProperty("terms").ValueKind == JsonValueKind.Null ? "" : outcome.GetProperty("terms").GetProperty("usage_scope").GetString(), row[13]);
        }

        await using var reader = await ParquetReader.CreateAsync(parquet, cancellationToken: Ct);
        Assert.Equal(header, reader.Schema.GetDataFields().Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(18, group.RowCount);
        var seeds = new int?[18];
        await group.ReadAsync<int>(reader.Schema.GetDataFields()[2], seeds, cancellationToken: Ct);
        var values = new double?[18];
        await group.ReadAsync<double>(reader.Schema.GetDataFields()[11], values, cancellationToken: Ct);
        var results = new string[18];
        await group.ReadAsync(reader.Schema.GetDataFields()[7], results, cancellationToken: Ct);
        Assert.Equal(rows.Skip(1).Select(r => int.Parse(r[2], CultureInfo.InvariantCulture)), seeds.Select(s => s!.Value));
        Assert.Equal(rows.Skip(1).Select(r => r[7]), results);
        Assert.Equal(rows.Skip(1).Select(r => double.Parse(r[11], CultureInfo.InvariantCulture)), values.Select(v => Math.Round(v!.Value, 6)));
    }

    [Fact]
    public async Task A_Sobol_design_says_which_input_decides_the_vendors_value_and_discovery_finds_the_word_that_gets_it_designated()
    {
        var story = await UncertainStoryAsync();
        var report = Cli.TempFile("explain.html");

        var sobol = await Cli.RunAsync("sweep", story, "--design", "sobol", "--samples", "32", "--seeds", "1..2", "--json", "--report", report);

        Assert.True(sobol.ExitCode == 0, sobol.Err);
        var root = JsonDocument.Parse(sobol.Out).RootElement;
        var design = root.GetProperty("design");
        Assert.Equal(("sobol", 32, 32 * 4), (design.GetProperty("kind").GetString(), design.GetProperty("samples").GetInt32(), design.GetProperty("points").GetInt32()));
        Assert.Equal(["range", "one_of"], design.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        var anthropic = root.GetProperty("cells")[0].GetProperty("sensitivity").EnumerateArray().Single(s => s.GetProperty("output").GetString() == "value.anthropic");
        Assert.Equal("sobol", anthropic.GetProperty("method").GetString());
        var byInput = anthropic.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("input").GetString()!, i => i);
        // Holding gets Anthropic designated and conceding gets it a contract: the answer decides its value.
        Assert.True(byInput["vendors.anthropic.on_threat"].GetProperty("total").GetDouble() > 0.5);
        Assert.True(byInput["vendors.anthropic.on_threat"].GetProperty("total").GetDouble() > byInput["litigation.rounds_to_ruling"].GetProperty("total").GetDouble());
        var html = await File.ReadAllTextAsync(report, Ct);
        Assert.Contains("<h2 id=\"sensitivity\">Which inputs matter</h2>", html);
        Assert.Contains("value.anthropic: which inputs matter", html);
        Assert.DoesNotContain("<script", html);

        var found = await Cli.RunAsync("sweep", story, "--design", "random", "--samples", "40", "--seeds", "1..2", "--json", "--discover", "anthropic.result=designated");

        Assert.True(found.ExitCode == 0, found.Err);
        var discovery = JsonDocument.Parse(found.Out).RootElement.GetProperty("cells")[0].GetProperty("discovery");
        Assert.Equal("anthropic.result=designated", discovery.GetProperty("outcome").GetString());
        var box = discovery.GetProperty("boxes")[0];
        Assert.Equal((1.0, 1.0), (box.GetProperty("coverage").GetDouble(), box.GetProperty("density").GetDouble()));
        var limit = Assert.Single(box.GetProperty("limits").EnumerateArray());
        Assert.Equal(("one_of", "vendors.anthropic.on_threat", "hold"),
            (limit.GetProperty("kind").GetString(), limit.GetProperty("input").GetString(), Assert.Single(limit.GetProperty("words").EnumerateArray()).GetString()));
    }

    [Theory]
    [InlineData("--design", "cubes", "--design cubes: grid, random, lhs or sobol")]
    [InlineData("--samples", "10", "--samples: only with --design random, lhs or sobol")]
    [InlineData("--discover", "anthropic.result=designated", "--discover: only with --design random, lhs or sobol")]
    public async Task A_design_option_that_cannot_be_taken_is_bad_input_in_one_line(string option, string value, string said)
    {
        var result = await Cli.RunAsync("sweep", Cli.Scenario("refuse-and-litigate.yaml"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(said, result.Err.Trim());
        Assert.Single(result.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_design_needs_ranges_and_samples_and_a_discovery_a_vendor_and_a_result()
    {
        var story = await UncertainStoryAsync();

        var noRanges = await Cli.RunAsync("sweep", Cli.Scenario("refuse-and-litigate.yaml"), "--design", "lhs", "--samples", "5");
        var noSamples = await Cli.RunAsync("sweep", story, "--design", "sobol");
        var noVendor = await Cli.RunAsync("sweep", story, "--design", "lhs", "--samples", "5", "--discover", "nobody.result=designated");
        var noResult = await Cli.RunAsync("sweep", story, "--design", "lhs", "--samples", "5", "--discover", "anthropic.result=won");

        Assert.All([noRanges, noSamples, noVendor, noResult], r => Assert.Equal(2, r.ExitCode));
        Assert.Contains("has no range", noRanges.Err);
        Assert.Contains("--design sobol: give the number of points with --samples N", noSamples.Err);
        Assert.Contains("there is no vendor `nobody`", noVendor.Err);
        Assert.Contains("a result is one of agreement, walked-away, designated, deadline", noResult.Err);
    }
}
