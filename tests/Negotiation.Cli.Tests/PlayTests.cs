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
        Assert.Contains("refused: domestic_surveillance=permitted is not open to you", result.Err);
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

    [Fact]
    public async Task Playing_the_agency_can_carry_out_a_threat()
    {
        var typed = string.Join('\n', Enumerable.Repeat("s\ny", 12));

        var result = await Cli.RunWithInputAsync(typed, "run", Cli.Scenario("refuse-and-litigate.yaml"), "--play", "dow", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("threaten anthropic with a supply chain risk designation? [y/N]", result.Err);
        Assert.Contains("designate anthropic a supply chain risk? [Y/n]", result.Err);
        Assert.Contains("\"result\": \"designated\"", result.Out);
    }

    [Fact]
    public async Task Playing_a_party_that_does_not_exist_is_bad_input()
    {
        var result = await Cli.RunAsync("run", Compromise, "--play", "nobody");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--play nobody: no such party; the parties are dow, openai", result.Err);
    }
}
