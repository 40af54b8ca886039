using Negotiation.Core.Events;

namespace Negotiation.Core.Reports;

/// <summary>
/// A batch of runs of one scenario over many seeds, per vendor: how often each outcome and each ruling came
/// about, and the mean utilities of its agreements.
/// </summary>
public sealed record SweepSummary(string Scenario, IReadOnlyList<int> Seeds, IReadOnlyList<VendorSweep> Vendors, IReadOnlyList<SweepRun> Runs)
{
    public static SweepSummary From(string scenario, IReadOnlyList<RunSummary> runs)
    {
        var vendors = runs.SelectMany(r => r.Outcomes.Select(o => o.Vendor)).Distinct().ToList();
        return new SweepSummary(
            scenario,
            runs.Select(r => r.Seed).ToList(),
            vendors.Select(v =>
            {
                var outcomes = runs.SelectMany(r => r.Outcomes).Where(o => o.Vendor == v).ToList();
                var agreements = outcomes.Where(o => o.Utilities is not null).ToList();
                return new VendorSweep(
                    v,
                    Enum.GetValues<OutcomeResult>().Where(r => r != OutcomeResult.Open).ToDictionary(r => r, r => outcomes.Count(o => o.Result == r)),
                    Enum.GetValues<LitigationStatus>().ToDictionary(l => l, l => outcomes.Count(o => o.Litigation == l)),
                    agreements.Count == 0 ? null : agreements.SelectMany(o => o.Utilities!).GroupBy(kv => kv.Key)
                        .ToDictionary(g => g.Key, g => Math.Round(g.Average(kv => kv.Value), 4)));
            }).ToList(),
            runs.Select(r => new SweepRun(r.Seed, r.Rounds, r.Outcomes.ToDictionary(o => o.Vendor, o => o.Result))).ToList());
    }
}

public sealed record VendorSweep(
    string Vendor,
    IReadOnlyDictionary<OutcomeResult, int> Results,
    IReadOnlyDictionary<LitigationStatus, int> Litigation,
    IReadOnlyDictionary<string, double>? MeanUtilities);

public sealed record SweepRun(int Seed, int Rounds, IReadOnlyDictionary<string, OutcomeResult> Outcomes);
