using Negotiation.Scenarios;

namespace Negotiation.Cli.Tests;

/// <summary>One test per validation rule, each checking the line and column reported.</summary>
public class ValidationTests
{
    internal const string Valid = """
        name: tiny
        rounds: 3
        terms:
          scope:
            options: [narrow, broad]
        agency:
          id: dow
          preferences:
            scope: { weight: 1, values: { narrow: 0, broad: 1 } }
          red_lines:
            - { id: broad-only, term: scope, require: [broad] }
          tactics:
            - do: threaten-designation
              after_deadlock_rounds: 2
        vendors:
          - id: acme
            preferences:
              scope: { weight: 1, values: { narrow: 1, broad: 0.5 } }
            reservation: 0.2
            strategy: { kind: linear }
            on_threat: hold
            red_lines:
              - { id: keep-narrow, term: scope, forbid: [broad], firm: false }
        audit:
          - id: wide
            permitted_when: { scope: [broad] }
            crosses: [keep-narrow]
        events:
          - round: 2
            text: news
        """;

    private static IReadOnlyList<Diagnostic> Errors(string yaml) => ScenarioLoader.Parse(yaml, "t.yaml").Errors;

    private static Diagnostic Single(string yaml, string contains)
    {
        var errors = Errors(yaml);
        return Assert.Single(errors, e => e.Message.Contains(contains, StringComparison.Ordinal));
    }

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Valid);
        return Valid.Replace(from, to);
    }

    /// <summary>Issue 22: the fields a world event may set have one list, for a file and a live announcement alike.</summary>
    [Fact]
    public void A_world_event_that_sets_an_unknown_field_is_refused_in_a_file_and_live_with_the_same_list()
    {
        var refused = Single(Replace("    text: news", "    set: { party: acme, field: preferences.scop.weight, value: 2 }"), "`field` must be");

        Assert.Equal("`field` must be reservation, strategy.exponent or preferences.TERM.weight, not `preferences.scop.weight` (did you mean `preferences.scope.weight`?)", refused.Message);
        var state = Core.Engine.Evolution.Fold([new Core.Events.NegotiationOpened(ScenarioLoader.Parse(Valid, "t.yaml").Scenario!, 1)]);
        Assert.Equal("`field` must be reservation, strategy.exponent or preferences.TERM.weight, not `preferences.scop.weight`",
            Core.Engine.Rules.MayAnnounce(state, new Core.Model.WorldEvent(2, null, null, null, new Core.Model.NumberChange("acme", "preferences.scop.weight", 2))).Reason);
        Assert.Empty(Errors(Replace("    text: news", "    set: { party: acme, field: preferences.scope.weight, value: 2 }")));
    }

    [Fact]
    public void The_valid_example_loads_with_defaults_filled_in()
    {
        var loaded = ScenarioLoader.Parse(Valid, "t.yaml");
        Assert.Empty(loaded.Errors);
        var s = loaded.Scenario!;
        Assert.Equal((1, 3), (s.Seed, s.Rounds));
        Assert.Equal((2, 2), (s.Agency.Tactics[0].AfterDeadlockRounds, s.Agency.Tactics[0].DeadlineRounds));
        Assert.False(s.Vendors[0].RedLines[0].Firm);
        Assert.Equal("acme", s.Vendors[0].Name);
    }

    [Fact]
    public void Yaml_syntax_errors_name_their_line()
    {
        var d = Assert.Single(Errors("name: x\nrounds: [1, 2\nterms: {}\n"));
        Assert.Contains("YAML syntax", d.Message);
        Assert.Equal(2, d.Line); // where the unclosed list opens
    }

    [Fact]
    public void An_unknown_key_is_an_error_with_a_suggestion()
    {
        var d = Single(Replace("    reservation: 0.2", "    reservaton: 0.2"), "unknown key `reservaton`");
        Assert.Contains("did you mean `reservation`?", d.Message);
        Assert.Equal((19, 5), (d.Line, d.Column));
    }

    [Fact]
    public void An_unknown_term_in_preferences_is_an_error()
    {
        var d = Single(Replace("      scope: { weight: 1, values: { narrow: 1, broad: 0.5 } }", "      scop: { weight: 1, values: { narrow: 1, broad: 0.5 } }"), "unknown term `scop`");
        Assert.Contains("did you mean `scope`?", d.Message);
        Assert.Equal((18, 7), (d.Line, d.Column));
    }

    [Fact]
    public void An_unknown_option_in_a_red_line_is_an_error()
    {
        var d = Single(Replace("forbid: [broad], firm", "forbid: [braod], firm"), "has no option `braod`");
        Assert.Equal(23, d.Line);
    }

    [Fact]
    public void An_option_without_a_value_is_an_error()
    {
        var d = Single(Replace("values: { narrow: 1, broad: 0.5 }", "values: { narrow: 1 }"), "option `broad` of `scope` has no value");
        Assert.Equal(18, d.Line);
    }

    [Fact]
    public void A_negative_weight_is_an_error()
    {
        var d = Single(Replace("scope: { weight: 1, values: { narrow: 0, broad: 1 } }", "scope: { weight: -1, values: { narrow: 0, broad: 1 } }"), "`weight` must be between 0 and 1000000, not -1");
        Assert.Equal((9, 22), (d.Line, d.Column)); // at -1
    }

    [Fact]
    public void A_value_outside_zero_to_one_is_an_error()
    {
        var d = Single(Replace("narrow: 1, broad: 0.5", "narrow: 1.5, broad: 0.5"), "between 0 and 1");
        Assert.Equal(18, d.Line);
    }

    [Fact]
    public void Duplicate_party_ids_are_an_error()
    {
        var d = Single(Replace("  - id: acme", "  - id: dow"), "party id `dow` is used twice");
        Assert.Equal(16, d.Line);
    }

    [Fact]
    public void Duplicate_red_line_ids_are_an_error()
    {
        var yaml = Replace("    - { id: broad-only, term: scope, require: [broad] }",
            "    - { id: broad-only, term: scope, require: [broad] }\n    - { id: broad-only, term: scope, forbid: [narrow] }");
        var d = Single(yaml, "red line id `broad-only` is used twice");
        Assert.Equal(12, d.Line);
    }

    [Fact]
    public void A_red_line_with_both_require_and_forbid_is_an_error()
    {
        var d = Single(Replace("require: [broad] }", "require: [broad], forbid: [narrow] }"), "either `require` or `forbid`, not both");
        Assert.Equal((11, 7), (d.Line, d.Column)); // the red line itself
    }

    [Fact]
    public void A_red_line_with_neither_require_nor_forbid_is_an_error()
    {
        var d = Single(Replace("{ id: broad-only, term: scope, require: [broad] }", "{ id: broad-only, term: scope }"), "needs `require` or `forbid`");
        Assert.Equal(11, d.Line);
    }

    [Fact]
    public void Rounds_below_one_is_an_error()
    {
        var d = Single(Replace("rounds: 3", "rounds: 0"), "`rounds` must be between 1 and 10000, not 0");
        Assert.Equal((2, 9), (d.Line, d.Column));
    }

    [Fact]
    public void An_unknown_strategy_kind_is_an_error()
    {
        var d = Single(Replace("kind: linear", "kind: bolware"), "`kind` must be one of");
        Assert.Contains("did you mean `boulware`?", d.Message);
        Assert.Equal(20, d.Line);
    }

    [Fact]
    public void Agency_only_keys_on_a_vendor_are_an_error()
    {
        var d = Single(Replace("    on_threat: hold", "    tactics: []"), "`tactics` is for the agency only");
        Assert.Equal(21, d.Line);
    }

    [Fact]
    public void Vendor_only_keys_on_the_agency_are_an_error()
    {
        var d = Single(Replace("  tactics:\n", "  on_threat: hold\n  tactics:\n"), "`on_threat` is for vendors only");
        Assert.Equal(12, d.Line);
    }

    [Fact]
    public void A_missing_required_key_is_reported_at_its_parent()
    {
        var d = Single(Replace("rounds: 3\n", ""), "missing `rounds`");
        Assert.Equal((1, 1), (d.Line, d.Column));
    }

    [Fact]
    public void A_term_needs_two_distinct_options()
    {
        var d = Single(Replace("options: [narrow, broad]", "options: [narrow, narrow]"), "listed twice");
        Assert.Equal(5, d.Line);
        Assert.Contains(Errors(Replace("options: [narrow, broad]", "options: [narrow, narrow]")), e => e.Message.Contains("at least two distinct options"));
    }

    [Fact]
    public void A_name_that_is_not_kebab_case_is_an_error()
    {
        var d = Single(Replace("name: tiny", "name: Tiny Story"), "kebab-case");
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void A_probe_crossing_an_unknown_red_line_is_an_error()
    {
        var d = Single(Replace("crosses: [keep-narrow]", "crosses: [keep-narow]"), "no party has a red line `keep-narow`");
        Assert.Contains("did you mean `keep-narrow`?", d.Message);
        Assert.Equal((27, 15), (d.Line, d.Column)); // at `keep-narow`
    }

    [Fact]
    public void A_world_event_naming_an_unknown_party_term_or_option_is_an_error()
    {
        var yaml = Replace("    text: news", "    unlock: { party: acm, term: scope, option: wide }");
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Message.Contains("no party `acm`") && e.Line == 30);
        Assert.Contains(errors, e => e.Message.Contains("`scope` has no option `wide`") && e.Line == 30);
    }

    [Fact]
    public void A_world_event_setting_an_unknown_field_is_an_error()
    {
        var d = Single(Replace("    text: news", "    set: { party: acme, field: reserve, value: 0.5 }"), "`field` must be");
        Assert.Equal((30, 32), (d.Line, d.Column)); // at `reserve`
    }

    [Fact]
    public void A_world_event_after_the_last_round_is_an_error()
    {
        var d = Single(Replace("  - round: 2", "  - round: 4"), "after the last round");
        Assert.Equal((29, 12), (d.Line, d.Column));
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_not_only_the_first()
    {
        var yaml = Valid.Replace("rounds: 3", "rounds: 0").Replace("kind: linear", "kind: bolware").Replace("reservation: 0.2", "reservation: 2");
        Assert.Equal([2, 19, 20], Errors(yaml).Select(e => e.Line));
    }

    [Fact]
    public void Yaml_tags_cannot_make_the_loader_build_objects()
    {
        var yaml = Replace("name: tiny", "name: !!python/object:os.system tiny");
        var loaded = ScenarioLoader.Parse(yaml, "t.yaml");
        Assert.Equal("tiny", loaded.Scenario?.Name);
    }

    [Fact]
    public void A_range_is_checked_at_both_ends_with_the_line_of_the_range()
    {
        var d = Single(Replace("reservation: 0.2", "reservation: { between: [0.1, 1.5] }"), "`reservation` must be between 0 and 1, not 1.5");
        Assert.Equal(19, d.Line);
        Assert.Contains(Errors(Replace("reservation: 0.2", "reservation: { between: [0.5, 0.1] }")), e => e.Message.Contains("LOW 0.5 is above its HIGH 0.1", StringComparison.Ordinal));
        Assert.Contains(Errors(Replace("name: tiny", "name: { between: [1, 2] }")), e => e.Message.Contains("`name` cannot be a range", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_with_ranges_loads_with_them_and_keeps_them_through_a_change()
    {
        var loaded = ScenarioLoader.Parse(Replace("reservation: 0.2", "reservation: { between: [0.1, 0.3] }"), "t.yaml");

        Assert.True(loaded.Ok);
        var range = Assert.Single(loaded.Scenario!.Uncertain!);
        Assert.Equal(new Core.Model.UncertainNumber("vendors.acme.reservation", 0.1, 0.3, false), range);
        var (changed, problems) = ScenarioPaths.Apply(loaded.Scenario, ["rounds=5"]);
        Assert.Empty(problems);
        Assert.Equal([range], changed!.Uncertain!);
    }
}
