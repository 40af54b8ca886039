using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>Conversions between a term sheet (term id to option) and option indexes in the scenario's term order.</summary>
public static class Terms
{
    public static int[] ToIndexes(Scenario scenario, IReadOnlyDictionary<string, string> terms)
    {
        var choice = new int[scenario.Terms.Count];
        for (var k = 0; k < choice.Length; k++)
            choice[k] = scenario.Terms[k].OptionIndex(terms[scenario.Terms[k].Id]);
        return choice;
    }

    public static IReadOnlyDictionary<string, string> FromIndexes(Scenario scenario, IReadOnlyList<int> choice)
    {
        var terms = new Dictionary<string, string>(choice.Count);
        for (var k = 0; k < choice.Count; k++)
            terms[scenario.Terms[k].Id] = scenario.Terms[k].Options[choice[k]];
        return terms;
    }

    public static bool Same(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        a is not null && b is not null && a.Count == b.Count &&
        a.All(kv => b.TryGetValue(kv.Key, out var o) && o == kv.Value);
}
