using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Reports;

/// <summary>
/// A run's events made into <see cref="Minute"/>s, one event at a time, for an <see cref="Audience"/>: what it is not
/// told is left out, and the worths and details it may not see are not in the lines. The one switch over every event
/// for the minutes; the plain minutes, the terminal's and the pages phrase the lines it gives.
/// </summary>
public sealed class Minutes(Audience audience, Scenario? scenario = null)
{
    private readonly MinutesMemory _memory = new(scenario);

    // Rejections on no red line, told with the rejecting side's next offer in that negotiation.
    private readonly HashSet<(string Vendor, string By)> _rejections = [];

    /// <summary>The scenario as the run plays it so far (null before the first event).</summary>
    public Scenario? Scenario => _memory.Scenario;

    /// <summary>The minutes of these events for the audience (everything, unless told otherwise).</summary>
    public static IEnumerable<Minute> Of(IEnumerable<RunEvent> events, Audience? audience = null)
    {
        var minutes = new Minutes(audience ?? Audience.Everything);
        foreach (var e in events)
            if (minutes.Take(e) is { } minute)
                yield return minute;
    }

    /// <summary>Takes the next event in; its line, or null when it says nothing to the audience (or is told elsewhere).</summary>
    public Minute? Take(RunEvent e)
    {
        // Whether the audience hears it is decided on what was known before it (its own scenario, for the first); the
        // minutes mark every round, whoever they are told to.
        var heard = e is RoundStarted || _memory.Scenario is not { } known || audience.Hears(e, known.Agency.Id);
        var previous = _memory.See(e);
        if (!heard || _memory.Scenario is not { } s) return null;
        return e switch
        {
            NegotiationOpened o => new Minute.Opened(o.Scenario, o.Seed),
            RunForked f => new Minute.Forked(f.Scenario, f.ParentRunId, f.AtRound, f.Changes),
            RoundStarted r => new Minute.RoundBegan(s, r.Round, _memory.PastDeadline(r.Round)),
            NewsReported n => new Minute.News(s, n.Text),
            PolicyStoodIn p => new Minute.StoodIn(s, p.Party, p.Reason),
            OptionLocked l => new Minute.OptionChanged(s, l.Party, l.Term, l.Option, true, l.Text, audience.HearsDetails(e)),
            OptionUnlocked u => new Minute.OptionChanged(s, u.Party, u.Term, u.Option, false, u.Text, audience.HearsDetails(e)),
            PartyNumberSet n => new Minute.NumberSet(s, n.Party, n.Field, n.Value, n.Text, audience.HearsDetails(e)),
            OfferMade m => new Minute.Offered(s, m.Vendor, m.From, Rules.Other(s, m.From, m.Vendor), m.Terms, previous,
                Terms.Same(previous, m.Terms), _rejections.Remove((m.Vendor, m.From)), audience.Worths(m.Utilities)),
            OfferRejected { CrossedRedLines.Count: 0 } r => Remember(r),
            OfferRejected r => new Minute.Rejected(s, r.Vendor, r.By, Rules.Other(s, r.By, r.Vendor), r.CrossedRedLines),
            AgreementSigned a => new Minute.Signed(s, a.Vendor, a.Terms, audience.Worths(a.Utilities)),
            WalkedAway w => new Minute.WalkedAway(s, w.Vendor, w.Reason),
            DesignationThreatened t => new Minute.Threatened(s, t.Vendor, t.DeadlineRound, t.RedLines),
            ThreatMet t => new Minute.ThreatMet(s, t.Vendor),
            ThreatLapsed t => new Minute.ThreatLapsed(s, t.Vendor),
            RedLinesDropped d => new Minute.Conceded(s, d.Vendor, d.RedLines, d.Respects),
            RedLineDropped d => new Minute.RedLineDropped(s, d.Party, d.Vendor, d.RedLine),
            Designated d => new Minute.Designated(s, d.Vendor),
            VendorExited x => new Minute.Exited(s, x.Vendor),
            LitigationFiled l => new Minute.Sued(s, l.Vendor, l.RulingRound),
            CourtRuled c => new Minute.Ruled(s, c.Vendor, c.InjunctionGranted, c.Draw,
                s.Litigation?.InjunctionProbability ?? LitigationSpec.Default.InjunctionProbability),
            DesignationLifted d => new Minute.Reopened(s, d.Vendor, d.DeadlineRound),
            ChoiceWeighed c => new Minute.Weighed(s, Weighing.Sentence(c, _memory.Chooser.ByPerson(c.Vendor))),
            StatementMade m => new Minute.Said(s, m.Party, m.Text.Trim()),
            SameTermsRequested r => new Minute.SameTermsAsked(s, r.Vendor),
            SameTermsExtended x => new Minute.SameTermsExtended(s, x.SignedBy, x.To),
            DeadlinePassed d => new Minute.Deadline(s, d.Vendors),
            WorldAnnounced a => new Minute.Announced(s, a.World),
            // In the tables after the minutes: the audit, the outcomes.
            ProbeAssessed or RedLineAudited or RunConcluded => null,
            _ => throw new UnhandledEventException(e, "Minutes"),
        };
    }

    private Minute? Remember(OfferRejected r)
    {
        _rejections.Add((r.Vendor, r.By));
        return null;
    }
}
