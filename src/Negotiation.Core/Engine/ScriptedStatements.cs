using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// The scenario's statements a person is offered instead of having them made in their name (classroom.md 1.1):
/// those of the party's whose moment has come (the run opened, it was threatened, designated, signed, a rival
/// signed, it sued, the court ruled, it walked away) and that it has not yet made in these words. The seat view and
/// the console player offer exactly these; a person sends one as their own statement, or not.
/// </summary>
public static class ScriptedStatements
{
    public static IReadOnlyList<Statement> Offered(IReadOnlyList<RunEvent> events, RunState state, string party)
    {
        if (!state.ChoosesOwnScript(party) || state.Scenario.Vendors.FirstOrDefault(v => v.Id == party) is not { } vendor) return [];
        var said = events.OfType<StatementMade>().Where(s => s.Party == party).Select(s => s.Text.Trim()).ToHashSet();
        return vendor.Statements.Where(s => !said.Contains(s.Text.Trim()) && HasCome(events, party, s.On)).ToList();
    }

    private static bool HasCome(IReadOnlyList<RunEvent> events, string party, StatementTrigger trigger) => trigger switch
    {
        StatementTrigger.Opened => true,
        StatementTrigger.Threatened => events.OfType<DesignationThreatened>().Any(e => e.Vendor == party),
        StatementTrigger.Designated => events.OfType<Designated>().Any(e => e.Vendor == party),
        StatementTrigger.Signed => events.OfType<AgreementSigned>().Any(e => e.Vendor == party),
        StatementTrigger.RivalSigned => events.OfType<AgreementSigned>().Any(e => e.Vendor != party),
        StatementTrigger.LitigationFiled => events.OfType<LitigationFiled>().Any(e => e.Vendor == party),
        StatementTrigger.Ruled => events.OfType<CourtRuled>().Any(e => e.Vendor == party),
        StatementTrigger.WalkedAway => events.OfType<WalkedAway>().Any(e => e.Vendor == party),
        StatementTrigger.Unprompted => false,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger)),
    };
}
