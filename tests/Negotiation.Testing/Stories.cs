using Negotiation.Core.Model;

namespace Negotiation.Testing;

/// <summary>Hand-built scenarios from the article, for tests that should not depend on the YAML loader.</summary>
public static class Stories
{
    public static readonly TermDefinition UsageScope = new("usage_scope", "Permitted uses", ["enumerated-uses", "all-lawful-uses"]);
    public static readonly TermDefinition Surveillance = new("domestic_surveillance", "Domestic mass surveillance",
        ["contractual-ban", "existing-law-reference", "permitted"]);
    public static readonly TermDefinition Weapons = new("autonomous_weapons", "Fully autonomous weapons",
        ["human-in-the-loop-required", "mutually-agreed-safety-mechanisms", "unrestricted"]);


    private static Preference P(TermDefinition term, double weight, params double[] values) =>
        new(weight, term.Options.Select((o, i) => (o, values[i])).ToDictionary(x => x.o, x => x.Item2));

    public static AgencySpec Agency(SameTermsPolicy sameTerms = SameTermsPolicy.OnRequest, bool threatens = true) => new(
        "dow", "Department of War",
        new Dictionary<string, Preference>
        {
            [UsageScope.Id] = P(UsageScope, 0.4, 0.0, 1.0),
            [Surveillance.Id] = P(Surveillance, 0.3, 0.0, 0.8, 1.0),
            [Weapons.Id] = P(Weapons, 0.3, 0.0, 0.8, 1.0),
        },
        [
            new RedLine("all-lawful-uses", UsageScope.Id, ["all-lawful-uses"], null, "The military decides lawful use"),
            new RedLine("no-surveillance-ban", Surveillance.Id, null, ["contractual-ban"], "No vendor veto over lawful operations"),
            new RedLine("no-weapons-ban", Weapons.Id, null, ["human-in-the-loop-required"], "No vendor veto over lawful operations"),
        ],
        0.5, new StrategySpec(StrategyKind.Boulware),
        sameTerms,
        threatens ? [new Tactic(TacticKind.ThreatenDesignation, 3, 2), new Tactic(TacticKind.Designate)] : []);

    public static VendorSpec Signer(string id, string name, bool asks) => new(
        id, name,
        new Dictionary<string, Preference>
        {
            [UsageScope.Id] = P(UsageScope, 0.2, 1.0, 0.6),
            [Surveillance.Id] = P(Surveillance, 0.4, 1.0, 0.6, 0.0),
            [Weapons.Id] = P(Weapons, 0.4, 1.0, 0.6, 0.0),
        },
        [
            new RedLine("no-domestic-surveillance", Surveillance.Id, null, ["permitted"], "No domestic mass surveillance"),
            new RedLine("human-oversight", Weapons.Id, null, ["unrestricted"], "No fully autonomous weapons without human oversight"),
        ],
        0.3, new StrategySpec(StrategyKind.Conceder),
        ThreatRule.Hold, DesignationRule.Accept, asks,
        [new Statement(StatementTrigger.Signed, $"{name} signed, with its safety principles in the contract.")]);

    public static VendorSpec Refuser(ThreatRule onThreat = ThreatRule.Hold, bool firm = true) => new(
        "anthropic", "Anthropic",
        new Dictionary<string, Preference>
        {
            [UsageScope.Id] = P(UsageScope, 0.2, 1.0, 0.5),
            [Surveillance.Id] = P(Surveillance, 0.4, 1.0, 0.3, 0.0),
            [Weapons.Id] = P(Weapons, 0.4, 1.0, 0.3, 0.0),
        },
        [
            new RedLine("no-domestic-surveillance", Surveillance.Id, ["contractual-ban"], null, "No domestic mass surveillance", firm),
            new RedLine("no-autonomous-weapons", Weapons.Id, ["human-in-the-loop-required"], null, "No fully autonomous weapons", firm),
        ],
        0.2, new StrategySpec(StrategyKind.Linear),
        onThreat, DesignationRule.Litigate, false,
        [
            new Statement(StatementTrigger.Threatened, "No amount of intimidation or punishment from the Department of War will change our position."),
            new Statement(StatementTrigger.Designated, "We will challenge any supply chain risk designation in court."),
        ]);

    public static Scenario WholeStory(int rounds = 10) => new(
        "the-whole-story", "The whole story", "Three vendors, one agency: één compromis, zwei Unterschriften", 7, rounds,
        [UsageScope, Surveillance, Weapons],
        Agency(),
        [Refuser(), Signer("openai", "OpenAI", asks: true), Signer("xai", "xAI", asks: false)],
        new LitigationSpec(4, 0.6),
        [
            new Probe("bulk-commercial-data", "Bulk analysis of commercially purchased location data on US persons",
                new Dictionary<string, IReadOnlyList<string>> { [Surveillance.Id] = ["existing-law-reference", "permitted"] },
                ["no-domestic-surveillance"]),
        ],
        [new WorldEvent(2, "OpenAI and Amazon announce models on AWS", null, null, null)]);

    public static readonly TermDefinition Scope = new("scope", "Permitted uses", ["all-lawful-uses", "enumerated-uses"]);

    /// <summary>
    /// A threat whose answer can be worked out by hand (format 1.2). The agency, a hardliner, offers all-lawful-uses
    /// every round; the vendor, a hardliner too, offers enumerated-uses, crossing the agency's firm red line, and
    /// is threatened after one such round. Conceding (dropping its one red line, which is not firm) lets it sign
    /// the agency's offer, worth <see cref="ConcedeWorth"/> to it; holding leads to a designation it sues over,
    /// worth p x <see cref="Lifted"/> + (1 - p) x <see cref="DesignatedWorth"/>; walking away its no_deal, 0.2.
    /// Conceding and holding are worth the same at p = <see cref="BreakEvenOdds"/>.
    /// </summary>
    public static Scenario BreakEven(double injunctionProbability, double? belief = null, double costPerRound = 0) => new(
        "break-even", "When does refusing pay?", null, 1, 8, [Scope],
        new AgencySpec("dow", "Department of War",
            new Dictionary<string, Preference> { [Scope.Id] = P(Scope, 1, 1.0, 0.0) },
            [new RedLine("all-lawful-uses", Scope.Id, ["all-lawful-uses"], null, "The military decides lawful use")],
            0.5, new StrategySpec(StrategyKind.Hardliner), SameTermsPolicy.Never,
            [new Tactic(TacticKind.ThreatenDesignation, 1, 1), new Tactic(TacticKind.Designate)]),
        [
            new VendorSpec("anthropic", "Anthropic",
                new Dictionary<string, Preference> { [Scope.Id] = P(Scope, 1, ConcedeWorth, 1.0) },
                [new RedLine("enumerated-only", Scope.Id, ["enumerated-uses"], null, "Only the uses we list", Firm: false)],
                0.3, new StrategySpec(StrategyKind.Hardliner), ThreatRule.BestResponse, DesignationRule.Litigate, false, [])
            {
                Outcomes = new OutcomeValues(NoDeal: 0.2, Designated: DesignatedWorth, DesignationLifted: Lifted),
                Beliefs = belief is { } b ? new Beliefs(b) : null,
            },
        ],
        new LitigationSpec(2, injunctionProbability) { CostPerRound = costPerRound }, [], []);

    public const double ConcedeWorth = 0.4;
    public const double DesignatedWorth = 0.1;
    public const double Lifted = 0.7;

    /// <summary>(0.4 - 0.1) / (0.7 - 0.1): the odds at which holding is worth what conceding is.</summary>
    public const double BreakEvenOdds = (ConcedeWorth - DesignatedWorth) / (Lifted - DesignatedWorth);
}
