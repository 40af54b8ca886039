using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// A term sheet (term id to option) held as option indexes in the scenario's term order: what the offer search
/// chooses, read as a map by everything else (events, rules, reports) in that order, as a map built term by term
/// would be. Its utility needs no look-ups (issue 24: converting offers to and from maps was a fifth of what a
/// negotiation allocated). Immutable.
/// </summary>
public sealed class TermSheet : IReadOnlyDictionary<string, string>
{
    private readonly IReadOnlyList<TermDefinition> _terms;
    private readonly int[] _choice;

    /// <summary>Takes <paramref name="choice"/> as it is: the caller gives it up.</summary>
    internal TermSheet(IReadOnlyList<TermDefinition> terms, int[] choice)
    {
        if (choice.Length != terms.Count) throw new ArgumentException($"{choice.Length} options for {terms.Count} terms", nameof(choice));
        _terms = terms;
        _choice = choice;
    }

    /// <summary>The option indexes, when the sheet was made for exactly these terms (null otherwise): the sheet's own, never written to.</summary>
    internal int[]? Held(IReadOnlyList<TermDefinition> terms) => ReferenceEquals(terms, _terms) ? _choice : null;

    public string this[string key] => TryGetValue(key, out var option) ? option : throw new KeyNotFoundException($"no term '{key}' in the offer");

    public IEnumerable<string> Keys => _terms.Select(t => t.Id);

    public IEnumerable<string> Values => _terms.Select((t, k) => t.Options[_choice[k]]);

    public int Count => _terms.Count;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var k = IndexOf(key);
        value = k < 0 ? null : _terms[k].Options[_choice[k]];
        return k >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var k = 0; k < _terms.Count; k++) yield return new(_terms[k].Id, _terms[k].Options[_choice[k]]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var k = 0; k < _terms.Count; k++)
            if (_terms[k].Id == key) return k;
        return -1;
    }
}
