using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Reports;

/// <summary>
/// What the minutes remember of earlier events to tell the next ones: the scenario the run plays, each side's last
/// offer in each negotiation (an offer is told by what it changes), the lawsuits awaiting their rulings and the
/// reopened negotiations (why a round past the deadline is played), and who chose an answer. One memory for the
/// terminal's minutes and the plain minutes (issue 22: each kept its own, and their rulings-due trackers disagreed).
/// </summary>
public sealed class MinutesMemory
{
    private readonly Dictionary<(string Vendor, string From), IReadOnlyDictionary<string, string>> _lastOffers = [];
    private readonly Dictionary<string, int> _rulingsDue = [];
    private readonly Dictionary<string, int> _reopened = [];

    public MinutesMemory(Scenario? scenario = null) => Scenario = scenario;

    public Scenario? Scenario { get; private set; }

    /// <summary>Whether a person chose an answer, or the policy for them.</summary>
    public Weighing.Chooser Chooser { get; } = new();

    /// <summary>
    /// Takes an event in; for an offer, returns the offer the same side made before in that negotiation (null for
    /// its first), which the minutes tell the offer against.
    /// </summary>
    public IReadOnlyDictionary<string, string>? See(RunEvent e)
    {
        Chooser.See(e);
        switch (e)
        {
            case NegotiationOpened o:
                Scenario = o.Scenario;
                break;
            case RunForked f:
                Scenario = f.Scenario;
                break;
            case LitigationFiled l:
                _rulingsDue[l.Vendor] = l.RulingRound;
                break;
            case CourtRuled c:
                _rulingsDue.Remove(c.Vendor);
                break;
            case DesignationLifted d:
                _reopened[d.Vendor] = d.DeadlineRound;
                break;
            case OfferMade m:
                _lastOffers.TryGetValue((m.Vendor, m.From), out var before);
                _lastOffers[(m.Vendor, m.From)] = m.Terms;
                return before;
        }
        return null;
    }

    /// <summary>A new round begins (for minutes that group events by round and never see its <see cref="RoundStarted"/>).</summary>
    public void NextRound() => Chooser.NextRound();

    /// <summary>Why a round past the scenario's deadline is played, or empty: lawsuits awaiting their rulings, negotiations reopened.</summary>
    public string PastDeadline(int round)
    {
        if (Scenario is null || round <= Scenario.Rounds) return "";
        var why = _rulingsDue.Where(kv => kv.Value >= round).Select(kv => $"the court rules on {kv.Key}'s lawsuit, due in round {kv.Value}")
            .Concat(_reopened.Where(kv => kv.Value >= round).Select(kv => $"the reopened negotiation with {kv.Key} ends, by round {kv.Value}"))
            .ToList();
        return why.Count == 0 ? "" : $"past the deadline of round {Scenario.Rounds}: the run goes on until {string.Join(" and ", why)}";
    }
}
