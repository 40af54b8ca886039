using Negotiation.Core.Events;
using Negotiation.Persistence;

namespace Negotiation.Cli.Tests;

/// <summary>A person plays a party with `run --play`: prompts, refusals, the moves in the stream, and verify.</summary>
public class PlayTests
{
    private static readonly string Compromise = Cli.Scenario("accept-compromise.yaml");

    [Fact]
    public async Task A_persons_moves_are_checked_explained_recorded_and_verified()
    {
        var file = Cli.TempFile("played.jsonl");
        const string typed = """
            p
            enumerated-uses / permitted / unrestricted / vendor-controlled / on-premises
            usage_scope=all-lawful-uses, safety_stack=mutually-agreed
            s
            """;

        var result = await Cli.RunWithInputAsync(typed, "run", Compromise, "--play", "openai", "--out", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("── Round 1: you are openai, negotiating with dow ──", result.Err);
        Assert.Contains("refused: domestic_surveillance=permitted crosses your red line \"No domestic mass surveillance\" (no-domestic-surveillance)", result.Err);
        Assert.Contains("(no more input: the policy plays on)", result.Err);
        var events = EventFile.Read(file).Select(e => e.Event).ToList();
        Assert.Equal(["openai"], ((NegotiationOpened)events[0]).Humans);
        Assert.DoesNotContain(events, e => e is OfferMade { From: "openai", Round: 1 });
        var second = Assert.Single(events.OfType<OfferMade>(), o => o is { From: "openai", Round: 2 });
        Assert.Equal(("all-lawful-uses", "mutually-agreed"), (second.Terms["usage_scope"], second.Terms["safety_stack"]));
        Negotiation.Testing.Invariants.Check(events);

        var verify = await Cli.RunAsync("verify", file);
        Assert.Equal(0, verify.ExitCode);
    }

    /// <summary>
    /// The one visibility rule at the keyboard: for every scenario, a person playing each vendor and the agency to
    /// the end is never told what an offer is worth to anyone but themselves, nor another negotiation's offers.
    /// </summary>
    [Theory]
    [MemberData(nameof(ScenarioFilesAndParties))]
    public async Task A_person_at_the_keyboard_never_sees_another_partys_worth_or_another_negotiations_offers(string file, string party)
    {
        var scenario = Negotiation.Scenarios.ScenarioLoader.Load(Cli.Scenario(file)).Scenario!;
        var typed = string.Concat(Enumerable.Repeat("s\nh\nl\n", 40));

        var result = await Cli.RunWithInputAsync(typed, "run", Cli.Scenario(file), "--play", party, "--in-memory");

        Assert.Equal(0, result.ExitCode);
        var prompts = result.Err;
        Assert.Contains("worth", prompts);
        foreach (var other in scenario.Parties.Select(p => p.Id).Where(p => p != party))
        {
            // Worths are written "(anthropic 0.96)" in the minutes and "worth 0.96 to you" at the prompt.
            Assert.DoesNotMatch($@"[(·] ?{System.Text.RegularExpressions.Regex.Escape(other)} \d\.\d\d", prompts);
            Assert.DoesNotContain($"to {other})", prompts);
            if (party != scenario.Agency.Id && other != scenario.Agency.Id)
                Assert.DoesNotContain($"→ {other}", prompts);
        }
    }

    public static TheoryData<string, string> ScenarioFilesAndParties()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.Repo, "scenarios"), "*.yaml").Select(f => Path.GetFileName(f)).Order())
            foreach (var party in Negotiation.Scenarios.ScenarioLoader.Load(Cli.Scenario(file)).Scenario!.Parties.Select(p => p.Id))
                data.Add(file, party);
        return data;
    }

    [Fact]
    public async Task Playing_the_agency_threatens_and_designates_when_the_rules_allow_and_is_told_why_not_before()
    {
        // Round 1: a threat is refused with its reason; rounds 1 to 3 the suggested offer; round 4 the threat,
        // then the offer; rounds 5 and 6 the offer; round 7 the designation.
        const string typed = "threaten\ns\ns\ns\nthreaten\ns\ns\ns\ndesignate\n";

        var result = await Cli.RunWithInputAsync(typed, "run", Cli.Scenario("refuse-and-litigate.yaml"), "--play", "dow", "--out", Cli.TempFile("agency.jsonl"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("refused: anthropic's last offer crosses none of the agency's red lines", result.Err);
        Assert.Contains("you may threaten anthropic with a designation (`threaten`)", result.Err);
        Assert.Contains("the threat's deadline has passed: you may designate anthropic (`designate`)", result.Err);
        Assert.Contains("threat  dow threatens anthropic", result.Out);
        Assert.Contains("designated  dow designates anthropic a supply chain risk", result.Out);
    }

    [Fact]
    public async Task Playing_a_vendor_the_person_answers_the_threat_and_the_designation_and_the_run_verifies()
    {
        var file = Cli.TempFile("vendor.jsonl");
        // The suggested offer each round; the threat comes in round 4 and is held; in round 7 the designation
        // is answered by leaving the market rather than suing, as the scenario's policy would have.
        const string typed = "s\ns\ns\ns\nhold\ns\ns\ns\nexit\n";

        var result = await Cli.RunWithInputAsync(typed, "run", Cli.Scenario("refuse-and-litigate.yaml"), "--play", "anthropic", "--out", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("answer: h(old), c(oncede) [RED-LINE ...], w(alk away) >", result.Err);
        Assert.Contains("answer: l(itigate), a(ccept), e(xit the market) >", result.Err);
        var events = EventFile.Read(file).Select(e => e.Event).ToList();
        Assert.Contains(events, e => e is VendorExited { Vendor: "anthropic" });
        Assert.DoesNotContain(events, e => e is LitigationFiled);
        Assert.Equal(0, (await Cli.RunAsync("verify", file)).ExitCode);
    }

    [Fact]
    public async Task Playing_anthropic_in_the_article_a_person_can_give_up_a_red_line_and_say_so_and_the_run_verifies()
    {
        var file = Cli.TempFile("dropped.jsonl");
        const string typed = """
            say We can live with existing law on surveillance.
            drop no-domestic-surveillance
            domestic_surveillance=existing-law-reference
            """;

        var result = await Cli.RunWithInputAsync(typed, "run", Cli.Scenario("the-whole-story.yaml"), "--play", "anthropic", "--out", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("red lines you may drop: no-domestic-surveillance, human-oversight", result.Err);
        var events = EventFile.Read(file).Select(e => e.Event).ToList();
        Assert.Contains(new RedLineDropped(1, "anthropic", "anthropic", "no-domestic-surveillance"), events);
        Assert.Contains(events, e => e is StatementMade { Party: "anthropic", Trigger: Core.Model.StatementTrigger.Unprompted, Round: 1 });
        Assert.Contains(events, e => e is OfferMade { From: "anthropic", Round: 1 } o && o.Terms["domestic_surveillance"] == "existing-law-reference");
        Assert.Contains(events, e => e is RedLineAudited { Vendor: "anthropic", RedLine: "no-domestic-surveillance", Dropped: true } || e is RunConcluded);
        Negotiation.Testing.Invariants.Check(events);
        Assert.Equal(0, (await Cli.RunAsync("verify", file)).ExitCode);
    }

    [Fact]
    public async Task Playing_a_party_that_does_not_exist_is_bad_input()
    {
        var result = await Cli.RunAsync("run", Compromise, "--play", "nobody");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--play nobody: no such party; the parties are dow, openai", result.Err);
    }
}
