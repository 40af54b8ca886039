using System.Text.Json;
using Negotiation.Scenarios;

namespace Negotiation.Cli.Tests;

/// <summary>Every file in scenarios/ validates, runs through the real CLI, and ends as its header says.</summary>
public class ScenarioFilesTests
{
    // vendor: result, litigation; and which red lines the audit shows holding only on paper.
    public static TheoryData<string, string> Expected => new()
    {
        { "the-whole-story.yaml", "anthropic:designated:injunction-denied openai:agreement xai:agreement" },
        { "accept-compromise.yaml", "openai:agreement" },
        { "refuse-and-litigate.yaml", "anthropic:designated:injunction-denied" },
        { "classified-deployment.yaml", "xai:agreement" },
        { "counterfactual-no-threats.yaml", "anthropic:deadline openai:agreement xai:agreement" },
        // Format 1.2: with the compromise on the table when it is threatened, conceding is worth more to Anthropic than suing.
        { "counterfactual-same-terms-for-all.yaml", "anthropic:agreement openai:agreement xai:agreement" },
        { "does-refusing-pay.yaml", "anthropic:designated:injunction-denied" },
        { "refuse-and-litigate-soft-lines.yaml", "anthropic:agreement openai:agreement xai:agreement" },
        { "injunction-odds.yaml", "anthropic:designated:injunction-denied" },
        // Its ranges as seed 7 draws them; the file is for designs, which place points over them.
        { "which-inputs-matter.yaml", "anthropic:agreement openai:agreement xai:agreement" },
    };

    /// <summary>
    /// Issue 19: every scenario has a story for students and instructions per party (format 1.2), and no party's
    /// role sheet or opening seat view tells how it ends: the file's description, which may (the whole story's said
    /// "Anthropic refuses and litigates; OpenAI and xAI sign"), never reaches them, nor does any word of an ending.
    /// </summary>
    [Theory]
    [MemberData(nameof(Expected))]
    public void No_party_reads_how_the_scenario_ends_before_it_happens(string file, string ending)
    {
        var scenario = ScenarioLoader.Load(Cli.Scenario(file)).Scenario!;
        Assert.False(string.IsNullOrWhiteSpace(scenario.Background), $"{file} has no background");
        var opening = Core.Engine.Decider.Decide(Core.Engine.RunState.Empty, new Core.Engine.OpenRun(scenario, scenario.Seed, [.. scenario.Parties.Select(p => p.Id)]));
        foreach (var party in scenario.Parties)
        {
            Assert.False(string.IsNullOrWhiteSpace(party.Brief), $"{file}: {party.Id} has no brief");
            var sheet = Presentation.RoleSheet.Html(scenario, party.Id);
            var seat = System.Text.Json.JsonSerializer.Serialize(Core.Seats.SeatViews.Of(opening, party.Id));
            foreach (var read in new[] { sheet, seat })
            {
                if (scenario.Description is { Length: > 0 } description) Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(description.Trim()), read);
                foreach (var told in new[] { "refuses and litigates", " signs ", "is designated", "and sues", "injunction granted", "injunction denied", "sign a compromise" })
                    Assert.DoesNotContain(told, read, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.NotEmpty(ending);
    }

    [Fact]
    public void Every_scenario_file_is_covered_here_and_validates()
    {
        var files = Directory.GetFiles(Path.Combine(Cli.Repo, "scenarios"), "*.yaml").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(Expected.Select(row => row.Data.Item1).Order(), files);
        foreach (var file in files) Assert.Empty(ScenarioLoader.Load(Cli.Scenario(file!)).Errors);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task Each_scenario_runs_to_the_outcomes_it_teaches(string file, string expected)
    {
        var result = await Cli.RunAsync("run", Cli.Scenario(file), "--json");

        Assert.Equal(0, result.ExitCode);
        using var summary = JsonDocument.Parse(result.Out);
        var outcomes = summary.RootElement.GetProperty("outcomes").EnumerateArray().Select(o =>
            o.GetProperty("vendor").GetString() + ":" + o.GetProperty("result").GetString() +
            (o.GetProperty("litigation").ValueKind == JsonValueKind.Null ? "" : ":" + o.GetProperty("litigation").GetString()));
        Assert.Equal(expected, string.Join(' ', outcomes));
        // Format 1.2: every outcome, whatever its result, has a value to both its sides, and every party a payoff.
        var agency = summary.RootElement.GetProperty("outcomes").EnumerateArray().Select(o =>
        {
            var values = o.GetProperty("values");
            Assert.Equal(JsonValueKind.Object, values.ValueKind);
            Assert.Equal(2, values.EnumerateObject().Count());
            return values.GetProperty("dow").GetDouble();
        }).ToList();
        var payoffs = summary.RootElement.GetProperty("payoffs");
        Assert.Equal(1 + agency.Count, payoffs.EnumerateObject().Count());
        Assert.Equal(agency.Average(), payoffs.GetProperty("dow").GetDouble(), 3);
    }

    [Fact]
    public async Task The_signers_of_the_compromise_hold_their_surveillance_line_on_paper_only()
    {
        var result = await Cli.RunAsync("run", Cli.Scenario("the-whole-story.yaml"), "--json");

        using var summary = JsonDocument.Parse(result.Out);
        var audit = summary.RootElement.GetProperty("audit").EnumerateArray().ToDictionary(a => a.GetProperty("vendor").GetString()!);
        Assert.Equal(["openai", "xai"], audit.Keys);
        foreach (var signer in audit.Values)
        {
            Assert.Equal("holds-on-paper-only", signer.GetProperty("redLines").GetProperty("no-domestic-surveillance").GetString());
            Assert.Equal("permitted", signer.GetProperty("probes").GetProperty("bulk-commercial-data").GetString());
        }
        Assert.Equal("blocked", audit["openai"].GetProperty("probes").GetProperty("filters-switched-off").GetString());
        Assert.Equal("holds", audit["openai"].GetProperty("redLines").GetProperty("keeps-safety-stack").GetString());
        var outcomes = summary.RootElement.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(outcomes[1].GetProperty("terms").GetRawText(), outcomes[2].GetProperty("terms").GetRawText());
    }

    [Theory]
    [InlineData("accept-compromise.yaml", "openai", "bulk-commercial-data:permitted targeting-without-sign-off:permitted classified-networks:permitted filters-switched-off:blocked",
        "no-domestic-surveillance:holds-on-paper-only human-oversight:holds-on-paper-only keeps-safety-stack:holds")]
    [InlineData("classified-deployment.yaml", "xai", "bulk-commercial-data:permitted targeting-without-sign-off:permitted classified-networks:permitted filters-switched-off:blocked",
        "no-domestic-surveillance:holds-on-paper-only human-oversight:holds-on-paper-only")]
    public async Task The_audit_of_each_signed_article_contract(string file, string vendor, string probes, string redLines)
    {
        var result = await Cli.RunAsync("run", Cli.Scenario(file), "--json");

        using var summary = JsonDocument.Parse(result.Out);
        var audit = Assert.Single(summary.RootElement.GetProperty("audit").EnumerateArray());
        Assert.Equal(vendor, audit.GetProperty("vendor").GetString());
        Assert.Equal(probes, string.Join(' ', audit.GetProperty("probes").EnumerateObject().Select(p => $"{p.Name}:{p.Value.GetString()}")));
        Assert.Equal(redLines, string.Join(' ', audit.GetProperty("redLines").EnumerateObject().Select(p => $"{p.Name}:{p.Value.GetString()}")));
    }

    [Fact]
    public async Task A_run_without_a_signed_contract_has_an_empty_audit()
    {
        var result = await Cli.RunAsync("run", Cli.Scenario("refuse-and-litigate.yaml"), "--json");

        using var summary = JsonDocument.Parse(result.Out);
        Assert.Equal(0, summary.RootElement.GetProperty("audit").GetArrayLength());
    }

    [Fact]
    public async Task A_vendor_that_dropped_its_red_lines_under_threat_is_audited_as_crossed_and_dropped()
    {
        var result = await Cli.RunAsync("run", Cli.Scenario("refuse-and-litigate-soft-lines.yaml"));

        Assert.Contains("crossed (dropped under threat)", result.Out);
        Assert.Contains("anthropic concedes: drops no-domestic-surveillance, human-oversight", result.Out);
    }
}
