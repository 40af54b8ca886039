using Negotiation.Core.Events;
using Negotiation.Persistence;
using Negotiation.Testing;

namespace Negotiation.Actors.Tests;

/// <summary>The article's story, end to end through actors and Marten on a real PostgreSQL.</summary>
public sealed class ArticleTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_vendor_refuses_and_litigates_while_two_sign_the_same_compromise()
    {
        await using var store = await MartenEventStore.ConnectAsync(database.ConnectionString, ct: Ct);
        await using var engine = await NegotiationEngine.StartAsync(store, Ct);

        var finished = await engine.RunAsync("the-whole-story", Stories.WholeStory(), 7, Ct);
        var events = (await store.ReadAsync("the-whole-story", null, Ct)).Select(e => e.Event).ToList();

        Assert.Equal(finished.Events.Count, events.Count);
        var outcomes = ((RunConcluded)events[^1]).Outcomes.ToDictionary(o => o.Vendor);
        Assert.Equal(OutcomeResult.Designated, outcomes["anthropic"].Result);
        Assert.NotNull(outcomes["anthropic"].Litigation);
        Assert.NotEqual(LitigationStatus.Pending, outcomes["anthropic"].Litigation);
        var compromise = new Dictionary<string, string>
        {
            ["usage_scope"] = "all-lawful-uses",
            ["domestic_surveillance"] = "existing-law-reference",
            ["autonomous_weapons"] = "mutually-agreed-safety-mechanisms",
        };
        foreach (var signer in new[] { "openai", "xai" })
        {
            Assert.Equal(OutcomeResult.Agreement, outcomes[signer].Result);
            Assert.Equal(compromise, outcomes[signer].Terms!.ToDictionary());
        }
        Assert.Contains(events, e => e is DesignationThreatened { Vendor: "anthropic" });
        Assert.Contains(events, e => e is SameTermsRequested { Vendor: "openai" });
        Assert.Contains(events, e => e is StatementMade { Party: "anthropic", Trigger: Core.Model.StatementTrigger.Threatened });
        Invariants.Check(events);
    }
}
