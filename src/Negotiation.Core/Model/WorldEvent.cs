namespace Negotiation.Core.Model;

/// <summary>A scripted outside event at the start of a round: news, a lock, an unlock or a changed number.</summary>
public sealed record WorldEvent(int Round, string? Text, OptionChange? Unlock, OptionChange? Lock, NumberChange? Set)
{
    /// <summary>The source story reports this event (format 1.2); otherwise it is part of the exercise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Reported { get; init; }
}

public sealed record OptionChange(string Party, string Term, string Option);

/// <summary>
/// <see cref="Field"/> is <c>reservation</c>, <c>strategy.exponent</c> or <c>preferences.TERM.weight</c>.
/// </summary>
public sealed record NumberChange(string Party, string Field, double Value);
