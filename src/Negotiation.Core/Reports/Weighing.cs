using System.Globalization;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Core.Reports;

/// <summary>
/// A choice made by expected value in plain words, with the numbers behind it: the one sentence the minutes,
/// the transcript and a seat all use ("anthropic holds: holding (then suing if designated) is worth 0.52 to it at
/// the injunction odds it believes (0.50); conceding 0.47; walking away 0.30").
/// </summary>
public static class Weighing
{
    /// <param name="byPerson">a person played the vendor and chose: the numbers are what it saw, not what chose</param>
    public static string Sentence(ChoiceWeighed c, bool byPerson = false)
    {
        var parts = c.Estimates.Select((e, i) => i == 0 ? $"{Name(e.Choice, c.IfDesignated)} is worth {Num(e.Value)} to it" : $"{Name(e.Choice, c.IfDesignated)} {Num(e.Value)}");
        var why = byPerson ? $"; by its numbers, at the injunction odds it believes ({Num(c.Belief)})" : $", by expected value at the injunction odds it believes ({Num(c.Belief)})";
        return $"{c.Vendor}{(byPerson ? " (played by a person)" : "")} {Verb(c.Choice)}{why}: {string.Join("; ", parts)}";
    }

    /// <summary>Whether a person chose the answer: the vendor is played by one, and the policy did not stand in this round.</summary>
    public sealed class Chooser
    {
        private readonly HashSet<string> _humans = [];
        private readonly HashSet<string> _stoodIn = [];

        public void See(RunEvent e)
        {
            switch (e)
            {
                case NegotiationOpened o:
                    _humans.UnionWith(o.Humans ?? []);
                    break;
                case RoundStarted:
                    NextRound();
                    break;
                case PolicyStoodIn p:
                    _stoodIn.Add(p.Party);
                    break;
            }
        }

        /// <summary>A new round: who the policy stood in for is the round's own.</summary>
        public void NextRound() => _stoodIn.Clear();

        public bool ByPerson(string party) => _humans.Contains(party) && !_stoodIn.Contains(party);
    }

    /// <summary>The same numbers told to the vendor's own seat, beside its choices.</summary>
    public static string ForSeat(IReadOnlyList<Estimate> estimates, double belief, string? ifDesignated, string best) =>
        $"By your numbers, at the injunction odds you believe ({Num(belief)}): " +
        string.Join("; ", estimates.Select(e => $"{Name(e.Choice, ifDesignated)} is worth {Num(e.Value)}")) +
        $". Worth most: {Name(best, ifDesignated)}.";

    /// <summary>What a choice is called in a sentence: "suing", "holding (then suing if designated)".</summary>
    public static string Name(string choice, string? ifDesignated = null) => choice switch
    {
        "hold" => ifDesignated is null ? "holding" : $"holding (then {Name(ifDesignated)} if designated)",
        "concede" => "conceding",
        "walk-away" => "walking away",
        "litigate" => "suing",
        "accept" => "accepting the designation",
        "exit" => "leaving the market",
        _ => choice,
    };

    /// <summary>The choice as what the vendor does: "holds", "sues".</summary>
    public static string Verb(string choice) => choice switch
    {
        "hold" => "holds",
        "concede" => "concedes",
        "walk-away" => "walks away",
        "litigate" => "sues",
        "accept" => "accepts the designation",
        "exit" => "leaves the market",
        _ => choice,
    };

    private static string Num(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
}
