namespace Negotiation.Core.Model;

/// <summary>
/// The words of the scenario format and the cases they name: the one table the loader reads a file with, a
/// drawn <c>one_of</c> is set with, and the writer and the minutes write back.
/// </summary>
public static class Words
{
    public static IReadOnlyDictionary<string, StrategyKind> StrategyKinds { get; } = new Dictionary<string, StrategyKind>
    {
        ["boulware"] = StrategyKind.Boulware, ["linear"] = StrategyKind.Linear, ["conceder"] = StrategyKind.Conceder,
        ["hardliner"] = StrategyKind.Hardliner, ["tit-for-tat"] = StrategyKind.TitForTat,
    };

    public static IReadOnlyDictionary<string, SameTermsPolicy> SameTermsPolicies { get; } = new Dictionary<string, SameTermsPolicy>
    {
        ["never"] = SameTermsPolicy.Never, ["on-request"] = SameTermsPolicy.OnRequest, ["always"] = SameTermsPolicy.Always,
    };

    public static IReadOnlyDictionary<string, TacticKind> TacticKinds { get; } = new Dictionary<string, TacticKind>
    {
        ["threaten-designation"] = TacticKind.ThreatenDesignation, ["designate"] = TacticKind.Designate,
    };

    public static IReadOnlyDictionary<string, ThreatRule> ThreatRules { get; } = new Dictionary<string, ThreatRule>
    {
        ["hold"] = ThreatRule.Hold, ["concede"] = ThreatRule.Concede, ["walk-away"] = ThreatRule.WalkAway,
        ["best-response"] = ThreatRule.BestResponse,
    };

    public static IReadOnlyDictionary<string, DesignationRule> DesignationRules { get; } = new Dictionary<string, DesignationRule>
    {
        ["litigate"] = DesignationRule.Litigate, ["accept"] = DesignationRule.Accept, ["exit"] = DesignationRule.Exit,
        ["best-response"] = DesignationRule.BestResponse,
    };

    public static IReadOnlyDictionary<string, AfterInjunction> AfterInjunctions { get; } = new Dictionary<string, AfterInjunction>
    {
        ["end"] = AfterInjunction.End, ["reopen"] = AfterInjunction.Reopen,
    };

    public static IReadOnlyDictionary<string, StatementTrigger> Triggers { get; } = new Dictionary<string, StatementTrigger>
    {
        ["opened"] = StatementTrigger.Opened, ["threatened"] = StatementTrigger.Threatened, ["designated"] = StatementTrigger.Designated,
        ["signed"] = StatementTrigger.Signed, ["rival-signed"] = StatementTrigger.RivalSigned,
        ["litigation-filed"] = StatementTrigger.LitigationFiled, ["ruled"] = StatementTrigger.Ruled, ["walked-away"] = StatementTrigger.WalkedAway,
    };

    /// <summary>The keys of a party's <c>outcomes</c>, each the ending it values.</summary>
    public static IReadOnlyDictionary<string, Ending> Endings { get; } = new Dictionary<string, Ending>
    {
        ["no_deal"] = Ending.NoDeal, ["designated"] = Ending.Designated, ["designation_lifted"] = Ending.DesignationLifted, ["exited"] = Ending.Exited,
    };

    /// <summary>
    /// The word fields a <c>one_of</c> may stand for, by their last path segment (<c>strategy.kind</c> by <c>kind</c>),
    /// each with the words it takes.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> ChoiceFields { get; } = new Dictionary<string, IReadOnlyCollection<string>>
    {
        ["on_threat"] = ThreatRules.Keys.ToList(),
        ["on_designation"] = DesignationRules.Keys.ToList(),
        ["kind"] = StrategyKinds.Keys.ToList(),
        ["same_terms_for_all"] = SameTermsPolicies.Keys.ToList(),
        ["after_injunction"] = AfterInjunctions.Keys.ToList(),
    };

    /// <summary>An enum case as the format writes it (walk-away, best-response).</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>
    /// An enum case as the class server's JSON writes it (classroom.md: `walk_away`, `answer_threat`): the one home of
    /// the wire's spelling (issue 22: the API, the seat view and the moves each spelled it).
    /// </summary>
    public static string OnWire<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>
    /// The case a word typed at the console names, or null: the file's word (`walk-away`), the wire's (`walk_away`),
    /// its first part (`walk`) or its first letter (`w`), whichever a person types; one home for all three spellings.
    /// </summary>
    public static T? Typed<T>(string? word) where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => word is { Length: > 0 } && (word == Of(v) || word == OnWire(v) || word == Of(v).Split('-')[0] || word == Of(v)[..1]))
            .Select(v => (T?)v).FirstOrDefault();

    /// <summary>The case a word of the wire names, or null.</summary>
    public static T? FromWire<T>(string? word) where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => OnWire(v) == word).Select(v => (T?)v).FirstOrDefault();
}
