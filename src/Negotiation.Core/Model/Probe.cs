namespace Negotiation.Core.Model;

/// <summary>A use the agency might make of a signed contract, and the red lines it would cross in practice.</summary>
public sealed record Probe(
    string Id,
    string? Text,
    IReadOnlyDictionary<string, IReadOnlyList<string>> PermittedWhen,
    IReadOnlyList<string> Crosses)
{
    public bool IsPermittedBy(IReadOnlyDictionary<string, string> contract) =>
        PermittedWhen.All(kv => contract.TryGetValue(kv.Key, out var option) && kv.Value.Contains(option));
}
