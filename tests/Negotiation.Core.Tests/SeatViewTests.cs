using System.Text.Json;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Seats;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>
/// A seat sees its own numbers, its own negotiations and what is public, and nothing else (classroom.md): the
/// view must not change when everything it may not see is changed.
/// </summary>
public class SeatViewTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_seat_view_does_not_change_when_anything_the_seat_may_not_see_changes()
    {
        for (var seed = 1; seed <= 150; seed++)
        {
            var scenario = GeneratedScenarios.Build(seed);
            var events = Simulation.Run(scenario, seed);
            foreach (var party in scenario.Parties.Select(p => p.Id))
            {
                var scrambled = Scramble(events, party, new Random(seed * 31 + party.Length));
                for (var upTo = 1; upTo <= events.Count; upTo += Math.Max(1, events.Count / 7))
                {
                    var seen = View(events.Take(upTo).ToList(), party);
                    var seenScrambled = View(scrambled.Take(upTo).ToList(), party);
                    Assert.True(seen == seenScrambled, $"scenario {seed}, {party}, {upTo} events:\n{seen}\n---\n{seenScrambled}");
                }
            }
        }
    }

    /// <summary>
    /// What a seat sees is what it signs: at every point of a run, in every open negotiation, the standing offer a
    /// seat is shown is the one an acceptance would sign (terms extended to all included), and its own standing
    /// offer the one the other side would sign.
    /// </summary>
    [Fact]
    public void The_standing_offer_a_seat_is_shown_is_the_one_it_would_sign()
    {
        var extended = 0;
        for (var seed = 1; seed <= 200; seed++)
        {
            var scenario = GeneratedScenarios.Build(seed);
            var events = Simulation.Run(scenario, seed);
            extended += events.OfType<SameTermsExtended>().Count();
            for (var upTo = 1; upTo <= events.Count; upTo++)
            {
                var prefix = events.Take(upTo).ToList();
                var state = Evolution.Fold(prefix);
                foreach (var party in scenario.Parties.Select(p => p.Id))
                    foreach (var n in SeatViews.Of(prefix, state, party).Negotiations.Where(n => n.Status == "open"))
                    {
                        var negotiation = state.Negotiation(n.Vendor);
                        var (theirs, mine) = party == state.AgencyId ? (negotiation.VendorOffer, negotiation.AgencyOffer) : (negotiation.AgencyOffer, negotiation.VendorOffer);
                        Assert.Equal(theirs?.OrderBy(kv => kv.Key), n.TheirStandingOffer?.Terms.OrderBy(kv => kv.Key));
                        Assert.Equal(mine?.OrderBy(kv => kv.Key), n.YourStandingOffer?.Terms.OrderBy(kv => kv.Key));
                    }
            }
        }
        Assert.True(extended > 10, $"only {extended} extensions of the same terms: the property proves little");
    }

    /// <summary>classroom.md 1.1: public news reaches every seat, whoever it concerns; what it changed, only that party.</summary>
    [Fact]
    public void News_that_opens_an_option_for_one_party_reaches_every_seat_as_news_and_its_detail_only_that_party()
    {
        var story = Stories.WholeStory() with
        {
            Events = [new WorldEvent(2, "OpenAI and Amazon announce models on AWS", new OptionChange("openai", Stories.UsageScope.Id, "enumerated-uses"), null, null)],
        };
        var events = Simulation.Run(story, 7);

        foreach (var party in story.Parties.Select(p => p.Id))
        {
            var item = Assert.Single(SeatViews.Of(events, party).Public, p => p.Text == "OpenAI and Amazon announce models on AWS");
            Assert.Equal(party == "openai" ? ("unlocked", "openai") : ("news", null), (item.Kind, item.Party));
        }
    }

    [Fact]
    public void Anthropics_seat_sees_its_brief_and_its_own_negotiation_and_of_the_rest_only_what_is_public()
    {
        var story = Stories.WholeStory();
        var events = Simulation.Run(story, 7);

        var view = SeatViews.Of(events, "anthropic");

        Assert.Equal(["anthropic"], view.Negotiations.Select(n => n.Vendor));
        Assert.Equal(0.2, view.Brief.Reservation);
        Assert.Equal(["no-domestic-surveillance", "no-autonomous-weapons"], view.Brief.RedLines.Select(l => l.Id));
        Assert.All(view.Negotiations[0].Offers, o => Assert.Contains(o.From, new[] { "dow", "anthropic" }));
        var signed = events.OfType<AgreementSigned>().Select(a => a.Vendor).ToList();
        Assert.Equal(signed, view.Public.Where(p => p.Kind == "signed").Select(p => p.Vendor));
        var json = JsonSerializer.Serialize(view, Json);
        Assert.DoesNotContain("\"openai\",\"with\"", json);
        Assert.DoesNotContain("utilities", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_refused_acceptance_names_the_seats_own_reason_but_never_the_other_sides_numbers()
    {
        var story = Stories.WholeStory() with { Vendors = [Stories.Signer("openai", "OpenAI", asks: false) with { Reservation = 0.95 }], Events = [] };
        var offer = new Dictionary<string, string>
        {
            ["usage_scope"] = "all-lawful-uses", ["domestic_surveillance"] = "existing-law-reference", ["autonomous_weapons"] = "mutually-agreed-safety-mechanisms",
        };
        var events = new List<RunEvent>
        {
            new NegotiationOpened(story, 7), new RoundStarted(1),
            new OfferMade(1, "openai", "dow", offer, new Dictionary<string, double>(), []),
            new OfferMade(1, "openai", "openai", offer, new Dictionary<string, double>(), []),
        };

        var agency = SeatViews.Of(events, "dow").Allowed.Single(m => m.Kind == "accept");
        var vendor = SeatViews.Of(events, "openai").Allowed.Single(m => m.Kind == "accept");

        Assert.False(agency.Allowed);
        Assert.Equal("the other side cannot sign these terms as they stand", agency.Reason);
        Assert.False(vendor.Allowed);
        Assert.Contains("below the reservation of 0.95", vendor.Reason);
    }

    private static string View(IReadOnlyList<RunEvent> events, string party)
    {
        var view = SeatViews.Of(events, party);
        // Whether the other side could sign is one bit a seat learns by trying; the reason it is told never says why.
        var masked = view with
        {
            Allowed = view.Allowed.Select(m => m.Kind == "accept" && m.Reason is null or "the other side cannot sign these terms as they stand"
                ? m with { Allowed = false, Reason = null } : m).ToList(),
        };
        return JsonSerializer.Serialize(masked, Json);
    }

    /// <summary>
    /// The run with every other party's preferences, reservation and unnamed red lines changed, the offers of the
    /// negotiations the party is not in changed, and every utility an event carries changed.
    /// </summary>
    private static List<RunEvent> Scramble(IReadOnlyList<RunEvent> events, string party, Random random)
    {
        var opened = (NegotiationOpened)events[0];
        var scenario = opened.Scenario;
        var agency = scenario.Agency.Id == party ? scenario.Agency : scenario.Agency with
        {
            Preferences = Noise(scenario.Agency.Preferences, random), Reservation = Math.Round(random.NextDouble(), 2),
            RedLines = Lines(scenario.Agency.RedLines, scenario, random),
        };
        var vendors = scenario.Vendors.Select(v => v.Id == party ? v : v with
        {
            Preferences = Noise(v.Preferences, random), Reservation = Math.Round(random.NextDouble(), 2),
            RedLines = Lines(v.RedLines, scenario, random),
        }).ToList();
        var changed = scenario with { Agency = agency, Vendors = vendors };
        var isAgency = party == scenario.Agency.Id;
        IReadOnlyDictionary<string, string> Other(IReadOnlyDictionary<string, string> terms) =>
            scenario.Terms.ToDictionary(t => t.Id, t => t.Options[random.Next(t.Options.Count)]);
        IReadOnlyDictionary<string, double> Utilities(IReadOnlyDictionary<string, double> u) => u.ToDictionary(kv => kv.Key, _ => random.NextDouble());
        bool Mine(string vendor) => isAgency || vendor == party;

        return events.Select(e => e switch
        {
            NegotiationOpened o => o with { Scenario = changed },
            OfferMade m when !Mine(m.Vendor) => m with { Terms = Other(m.Terms), Utilities = Utilities(m.Utilities), Crosses = [] },
            OfferMade m when m.From == party => m with { Utilities = Utilities(m.Utilities), Crosses = m.Crosses.Count == 0 ? ["x"] : [] },
            OfferMade m => m with { Utilities = Utilities(m.Utilities) },
            OfferRejected r when !Mine(r.Vendor) => r with { Terms = Other(r.Terms), CrossedRedLines = [] },
            AgreementSigned a => a with { Utilities = Utilities(a.Utilities) },
            _ => e,
        }).ToList();
    }

    /// <summary>The same red lines by id (ids appear once named), with other options and reasons.</summary>
    private static IReadOnlyList<RedLine> Lines(IReadOnlyList<RedLine> lines, Scenario scenario, Random random) =>
        lines.Select(l =>
        {
            var options = scenario.Terms.Single(t => t.Id == l.Term).Options;
            var some = options.Where(_ => random.Next(2) == 0).DefaultIfEmpty(options[0]).ToList();
            return l with { Require = random.Next(2) == 0 ? some : null, Forbid = null, Reason = $"reason {random.Next()}" } is var changed && changed.Require is null
                ? changed with { Forbid = some }
                : changed;
        }).ToList();

    private static IReadOnlyDictionary<string, Preference> Noise(IReadOnlyDictionary<string, Preference> preferences, Random random) =>
        preferences.ToDictionary(kv => kv.Key, kv => new Preference(
            Math.Round(0.1 + random.NextDouble(), 2), kv.Value.Values.ToDictionary(v => v.Key, _ => Math.Round(random.NextDouble(), 2))));
}
