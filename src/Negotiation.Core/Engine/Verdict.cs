namespace Negotiation.Core.Engine;

/// <summary>A rule's answer: allowed, or not with the reason in words a player can act on.</summary>
public readonly record struct Verdict(string? Reason)
{
    public static Verdict Yes => default;

    public static Verdict No(string reason) => new(reason);

    public bool Allowed => Reason is null;

    /// <summary>The first refusal of several checks, in order; yes when none refuses.</summary>
    public static Verdict First(params ReadOnlySpan<Verdict> verdicts)
    {
        foreach (var v in verdicts)
            if (!v.Allowed) return v;
        return Yes;
    }
}
