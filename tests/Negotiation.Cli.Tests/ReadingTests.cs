using System.Text.Json;
using System.Text.RegularExpressions;

namespace Negotiation.Cli.Tests;

/// <summary>What a class reads: a run cut at a round, the plain minutes, tables at 100 columns, rounds past the deadline.</summary>
public partial class ReadingTests
{
    public static TheoryData<string> Files => GoldenStreamTests.Files;

    [Fact]
    public async Task Replay_until_a_round_shows_negotiations_still_open_as_open_in_that_round_and_the_run_as_unfinished()
    {
        var file = await Cli.RunToFileAsync(Cli.Scenario("the-whole-story.yaml"));

        var result = await Cli.RunAsync("replay", file, "--until-round", "3", "--json");

        Assert.Equal(0, result.ExitCode);
        using var summary = JsonDocument.Parse(result.Out);
        Assert.Equal(3, summary.RootElement.GetProperty("rounds").GetInt32());
        Assert.True(summary.RootElement.GetProperty("unfinished").GetBoolean());
        Assert.All(summary.RootElement.GetProperty("outcomes").EnumerateArray(), o =>
            Assert.Equal(("open", 3), (o.GetProperty("result").GetString(), o.GetProperty("round").GetInt32())));

        var text = await Cli.RunAsync("replay", file, "--until-round", "5");
        Assert.Contains("At the end of round 5 (round 5)", text.Out);
        Assert.Contains("dow ↔ xai: open", text.Out);
        Assert.DoesNotContain("Round 6", text.Out);
        Assert.Equal(2, (await Cli.RunAsync("replay", file, "--until-round", "99")).ExitCode);
    }

    [Fact]
    public async Task The_plain_minutes_fold_rounds_in_which_nobody_moves_and_name_red_lines_and_terms_by_their_labels()
    {
        var result = await Cli.RunAsync("run", Cli.Scenario("the-whole-story.yaml"), "--plain");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Rounds 8 to 9\n  dow and xai both hold their offers, round after round\n", result.Out.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("\nRound 8\n", result.Out.ReplaceLineEndings("\n"));
        Assert.Contains("it crosses \"No vendor veto over lawful operations\" (no-surveillance-veto, no-weapons-veto)", result.Out);
        Assert.Contains("Where the models run from on-premises to cloud-only", result.Out);
        Assert.DoesNotContain("[", result.Out.Split("Outcomes")[0]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task At_100_columns_no_table_is_wider_and_no_word_is_split(string file)
    {
        foreach (var mode in new[] { "--width", "--plain" })
        {
            var args = mode == "--plain" ? new[] { "run", Cli.Scenario(file), "--plain", "--width", "100" } : ["run", Cli.Scenario(file), "--width", "100"];
            var narrow = await Cli.RunAsync(args);
            var wide = await Cli.RunAsync([.. args[..^1], "1000"]);

            var tableLines = narrow.Out.Split('\n').Where(l => l.StartsWith('│') || l.StartsWith('╭')).ToList();
            Assert.NotEmpty(tableLines);
            Assert.All(tableLines, l => Assert.True(l.TrimEnd().Length <= 100, $"{l.TrimEnd().Length} columns: {l}"));
            var words = Words(wide.Out).ToHashSet();
            var split = Words(string.Join('\n', tableLines)).Where(w => !words.Contains(w)).ToList();
            Assert.True(split.Count == 0, $"{file}: split at 100 columns: {string.Join(", ", split.Take(5))}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_round_past_the_deadline_is_printed_only_while_a_lawsuit_keeps_the_run_going_and_says_so(string file)
    {
        var scenario = Scenarios.ScenarioLoader.Load(Cli.Scenario(file)).Scenario!;

        var result = await Cli.RunAsync("run", Cli.Scenario(file));

        foreach (Match m in RoundRule().Matches(result.Out))
        {
            var round = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (round <= scenario.Rounds) continue;
            var after = result.Out[(m.Index + m.Length)..];
            Assert.StartsWith($"\n  past the deadline of round {scenario.Rounds}: the run goes on until the court rules on ", after.ReplaceLineEndings("\n").TrimStart(' ', '─'));
        }
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split([' ', '\n', '\r', '│', '╭', '╮', '╰', '╯', '─', '┬', '┴', '┼', '├', '┤', '(', ')', ',', ';', '·'], StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"── Round (\d+) ─")]
    private static partial Regex RoundRule();
}
