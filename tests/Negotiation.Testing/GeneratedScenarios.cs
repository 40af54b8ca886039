using Negotiation.Core.Model;

namespace Negotiation.Testing;

/// <summary>
/// Random but valid scenarios for property tests: every shape the format allows (red lines, firm or not,
/// reservations, all strategies, tactics, threat and designation responses, same terms for all, litigation,
/// probes, locks, unlocks and changed numbers), built from one number so a failure names its case.
/// </summary>
public static class GeneratedScenarios
{
    public static Scenario Build(int seed)
    {
        var random = new Random(seed);
        var terms = Enumerable.Range(0, random.Next(1, 5))
            .Select(k => new TermDefinition($"t{k}", null, Enumerable.Range(0, random.Next(2, 5)).Select(o => $"o{o}").ToList()))
            .ToList();
        var rounds = random.Next(1, 13);
        var agency = new AgencySpec("agency", "Agency", Preferences(random, terms), RedLines(random, terms, "agency"),
            Reservation(random), Strategy(random),
            random.Pick(SameTermsPolicy.Never, SameTermsPolicy.OnRequest, SameTermsPolicy.Always),
            random.Next(3) == 0 ? [] :
            [
                new Tactic(TacticKind.ThreatenDesignation, random.Next(1, 4), random.Next(1, 3)),
                .. random.Next(3) == 0 ? Array.Empty<Tactic>() : [new Tactic(TacticKind.Designate)],
            ]) { AvoidsKnownRedLines = random.Next(2) == 0 };
        var vendors = Enumerable.Range(0, random.Next(1, 4)).Select(i => new VendorSpec(
            $"v{i}", $"Vendor {i}", Preferences(random, terms), RedLines(random, terms, $"v{i}"), Reservation(random), Strategy(random),
            random.Pick(ThreatRule.Hold, ThreatRule.Concede, ThreatRule.WalkAway, ThreatRule.BestResponse),
            random.Pick(DesignationRule.Accept, DesignationRule.Litigate, DesignationRule.Exit, DesignationRule.BestResponse),
            random.Next(2) == 0,
            Enum.GetValues<StatementTrigger>().Where(_ => random.Next(3) == 0).Select(t => new Statement(t, $"v{i} on {t}")).ToList())
            {
                AvoidsKnownRedLines = random.Next(2) == 0,
                Outcomes = Outcomes(random),
                Beliefs = random.Next(3) == 0 ? new Beliefs(Math.Round(random.NextDouble(), 2)) : null,
            })
            .ToList();
        var parties = vendors.Select(v => v.Id).Prepend(agency.Id).ToList();
        var events = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
        {
            var term = random.Pick(terms.ToArray());
            var change = new OptionChange(random.Pick(parties.ToArray()), term.Id, random.Pick(term.Options.ToArray()));
            var round = random.Next(1, rounds + 1);
            return random.Next(4) switch
            {
                0 => new WorldEvent(round, "news", null, null, null),
                1 => new WorldEvent(round, null, change, null, null),
                2 => new WorldEvent(round, null, null, change, null),
                _ => new WorldEvent(round, null, null, null, new NumberChange(change.Party,
                    random.Pick("reservation", "strategy.exponent", $"preferences.{term.Id}.weight"), Math.Round(random.NextDouble() * 0.9 + 0.05, 2))),
            };
        }).ToList();
        var probes = Enumerable.Range(0, random.Next(0, 3)).Select(p =>
        {
            var term = random.Pick(terms.ToArray());
            return new Probe($"p{p}", null,
                new Dictionary<string, IReadOnlyList<string>> { [term.Id] = term.Options.Where(_ => random.Next(2) == 0).ToList() },
                vendors.SelectMany(v => v.RedLines).Select(r => r.Id).Where(_ => random.Next(2) == 0).Distinct().ToList());
        }).ToList();
        return new Scenario($"generated-{seed}", null, null, seed, rounds, terms, agency, vendors,
            random.Next(2) == 0 ? null : new LitigationSpec(random.Next(1, 4), random.NextDouble())
            {
                CostPerRound = random.Next(2) == 0 ? 0 : Math.Round(random.NextDouble() * 0.05, 3),
            }.Let(l => random.Next(2) == 0 ? l : l with { AfterInjunction = AfterInjunction.Reopen, ReopenRounds = random.Next(3) == 0 ? null : random.Next(1, 6) }),
            probes, events);
    }

    private static Dictionary<string, Preference> Preferences(Random random, IReadOnlyList<TermDefinition> terms) =>
        terms.Where(_ => random.Next(6) > 0).ToDictionary(t => t.Id, t => new Preference(
            Math.Round(random.NextDouble(), 2),
            t.Options.ToDictionary(o => o, _ => Math.Round(random.NextDouble(), 2))));

    private static List<RedLine> RedLines(Random random, IReadOnlyList<TermDefinition> terms, string party) =>
        terms.Where(_ => random.Next(3) == 0).Select(t =>
        {
            var some = t.Options.Where(_ => random.Next(2) == 0).ToList();
            if (some.Count == 0) some.Add(t.Options[0]);
            var require = random.Next(2) == 0;
            return new RedLine($"{party}-{t.Id}", t.Id, require ? some : null, require ? null : some.Take(t.Options.Count - 1).ToList(),
                null, random.Next(2) == 0);
        }).ToList();

    // Format 1.2: some values of the endings without a contract, or none (every default).
    private static OutcomeValues? Outcomes(Random random) => random.Next(3) == 0 ? null : new OutcomeValues(
        random.Next(2) == 0 ? null : Math.Round(random.NextDouble(), 2),
        random.Next(2) == 0 ? null : Math.Round(random.NextDouble(), 2),
        random.Next(2) == 0 ? null : Math.Round(random.NextDouble(), 2),
        random.Next(2) == 0 ? null : Math.Round(random.NextDouble(), 2));

    private static double Reservation(Random random) => Math.Round(random.NextDouble() * 0.6, 2);

    private static StrategySpec Strategy(Random random) =>
        new(random.Pick(Enum.GetValues<StrategyKind>()), random.Next(3) == 0 ? Math.Round(random.NextDouble() * 4 + 0.1, 2) : null);

    private static T Pick<T>(this Random random, params T[] items) => items[random.Next(items.Length)];

    private static T Let<T>(this T value, Func<T, T> f) => f(value);
}
