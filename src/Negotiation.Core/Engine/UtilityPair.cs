using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Negotiation.Core.Engine;

/// <summary>
/// What one set of terms is worth to the agency and to one vendor, read as a map (party id to utility) in that
/// order, as an offer's or agreement's event records it: one small object instead of a dictionary (issue 24).
/// </summary>
internal sealed class UtilityPair(string agency, double toAgency, string vendor, double toVendor) : IReadOnlyDictionary<string, double>
{
    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no utility for '{key}'");

    public IEnumerable<string> Keys => [agency, vendor];

    public IEnumerable<double> Values => [toAgency, toVendor];

    public int Count => 2;

    public bool ContainsKey(string key) => key == agency || key == vendor;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        value = key == agency ? toAgency : key == vendor ? toVendor : 0;
        return key == agency || key == vendor;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        yield return new(agency, toAgency);
        yield return new(vendor, toVendor);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
