using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>Conversions between a term sheet (term id to option) and option indexes in the scenario's term order.</summary>
public static class Terms
{
    public static int[] ToIndexes(Scenario scenario, IReadOnlyDictionary<string, string> terms)
    {
        if (terms is TermSheet sheet && sheet.Held(scenario.Terms) is { } held) return (int[])held.Clone();
        var choice = new int[scenario.Terms.Count];
        for (var k = 0; k < choice.Length; k++)
            choice[k] = scenario.Terms[k].OptionIndex(terms[scenario.Terms[k].Id]);
        return choice;
    }

    /// <summary>The option indexes without a copy when the sheet holds them (issue 24): read only, never written to.</summary>
    internal static int[] Indexes(Scenario scenario, IReadOnlyDictionary<string, string> terms) =>
        terms is TermSheet sheet && sheet.Held(scenario.Terms) is { } held ? held : ToIndexes(scenario, terms);

    /// <summary>The option the sheet gives the <paramref name="k"/>th of the terms, or null; by index when the sheet was made for them (issue 24).</summary>
    internal static string? OptionOf(IReadOnlyDictionary<string, string> terms, IReadOnlyList<TermDefinition> defined, int k) =>
        terms is TermSheet sheet && sheet.Held(defined) is { } held ? defined[k].Options[held[k]]
        : terms.TryGetValue(defined[k].Id, out var option) ? option : null;

    public static IReadOnlyDictionary<string, string> FromIndexes(Scenario scenario, IReadOnlyList<int> choice)
    {
        var indexes = new int[choice.Count];
        for (var k = 0; k < indexes.Length; k++)
        {
            if ((uint)choice[k] >= (uint)scenario.Terms[k].Options.Count) throw new ArgumentOutOfRangeException(nameof(choice), $"term '{scenario.Terms[k].Id}' has no option {choice[k]}");
            indexes[k] = choice[k];
        }
        return new TermSheet(scenario.Terms, indexes);
    }

    public static bool Same(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        a is not null && b is not null && a.Count == b.Count &&
        a.All(kv => b.TryGetValue(kv.Key, out var o) && o == kv.Value);
}
