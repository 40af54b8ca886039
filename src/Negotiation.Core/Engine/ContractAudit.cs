using Negotiation.Core.Events;

namespace Negotiation.Core.Engine;

/// <summary>
/// Tries every signed contract against the scenario's probes: which uses it permits, and whether each of the
/// signing vendor's red lines holds, holds only on paper (a permitted use crosses it) or is crossed by the text.
/// </summary>
public static class ContractAudit
{
    public static IEnumerable<RunEvent> Assess(RunState state, int round)
    {
        var probes = state.Scenario.Audit;
        if (probes.Count == 0) yield break;
        foreach (var n in state.InVendorOrder)
        {
            if (n.Agreement is not { } contract) continue;
            var permitted = probes.Where(p => p.IsPermittedBy(contract.Terms)).ToList();
            foreach (var probe in probes)
                yield return new ProbeAssessed(round, n.Vendor, probe.Id,
                    permitted.Contains(probe) ? ProbeVerdict.Permitted : ProbeVerdict.Blocked);

            foreach (var line in state.Scenario.Vendor(n.Vendor).RedLines)
            {
                var crossing = permitted.Where(p => p.Crosses.Contains(line.Id)).Select(p => p.Id).ToList();
                var status = contract.Terms.TryGetValue(line.Term, out var option) && !line.Allows(option)
                    ? RedLineStatus.Crossed
                    : crossing.Count > 0 ? RedLineStatus.HoldsOnPaperOnly : RedLineStatus.Holds;
                yield return new RedLineAudited(round, n.Vendor, line.Id, status, crossing, n.DroppedRedLines.Contains(line.Id));
            }
        }
    }
}
