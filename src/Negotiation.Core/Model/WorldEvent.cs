namespace Negotiation.Core.Model;

/// <summary>A scripted outside event at the start of a round: news, a lock, an unlock or a changed number.</summary>
public sealed record WorldEvent(int Round, string? Text, OptionChange? Unlock, OptionChange? Lock, NumberChange? Set);

public sealed record OptionChange(string Party, string Term, string Option);

/// <summary>
/// <see cref="Field"/> is <c>reservation</c>, <c>strategy.exponent</c> or <c>preferences.TERM.weight</c>.
/// </summary>
public sealed record NumberChange(string Party, string Field, double Value);
