using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Reports;

/// <summary>Where a statement or a piece of news comes from (format 1.2 <c>reported</c>; classroom.md 1.1).</summary>
public enum Provenance
{
    /// <summary>The source story reports it: the scenario marks it <c>reported: true</c>.</summary>
    Reported,

    /// <summary>The scenario's own continuation: part of the exercise, not fact.</summary>
    Exercise,

    /// <summary>A person's own words, or the instructor's live news.</summary>
    Player,
}

/// <summary>The one home of "is this fact or exercise": what the seats and the role sheets mark.</summary>
public static class Provenances
{
    public static Provenance? Of(RunEvent e, Scenario scenario) => e switch
    {
        StatementMade { Trigger: StatementTrigger.Unprompted } => Provenance.Player,
        StatementMade m => scenario.Vendors.FirstOrDefault(v => v.Id == m.Party)?.Statements
            .Any(s => s.On == m.Trigger && s.Text.Trim() == m.Text.Trim() && s.Reported) == true ? Provenance.Reported : Provenance.Exercise,
        NewsReported or OptionLocked or OptionUnlocked or PartyNumberSet => WorldText(e) is { } text && scenario.Events.FirstOrDefault(w => w.Text == text) is { } scripted
            ? scripted.Reported ? Provenance.Reported : Provenance.Exercise
            // Not in the file: announced live by the instructor.
            : Provenance.Player,
        _ => null,
    };

    private static string? WorldText(RunEvent e) => e switch
    {
        NewsReported n => n.Text,
        OptionLocked l => l.Text,
        OptionUnlocked u => u.Text,
        PartyNumberSet s => s.Text,
        _ => null,
    };
}
