namespace Negotiation.Core.Model;

/// <summary>
/// A hard constraint on one term: the party never offers, accepts or signs terms that cross it.
/// Exactly one of <see cref="Require"/> and <see cref="Forbid"/> is set.
/// </summary>
public sealed record RedLine(
    string Id,
    string Term,
    IReadOnlyList<string>? Require,
    IReadOnlyList<string>? Forbid,
    string? Reason,
    bool Firm = true)
{
    public bool Allows(string option) =>
        Require is not null ? Require.Contains(option) : Forbid is null || !Forbid.Contains(option);
}
