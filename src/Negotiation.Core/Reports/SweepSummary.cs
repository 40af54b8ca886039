using System.Text.Json.Serialization;
using Negotiation.Core.Analysis;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Core.Reports;

/// <summary>One run of a sweep, reduced to what the sweep reports: no events are kept.</summary>
public sealed record SweepRunResult(int Cell, int Seed, int Rounds, IReadOnlyList<Outcome> Outcomes, IReadOnlyList<DealAnalysis> Deals)
{
    public static SweepRunResult From(int cell, int seed, IReadOnlyList<RunEvent> events, bool analyseDeals) => new(
        cell, seed, events[^1].Round,
        ((RunConcluded)events[^1]).Outcomes,
        analyseDeals ? DealAnalysis.Of(events) : []);
}

/// <summary>
/// A sweep's figures, accumulated run by run so that memory stays flat however many runs it makes: per cell
/// of the grid and per vendor, how often each outcome and each ruling came about, the mean utilities of its
/// agreements with their spread, and how far signed deals sat from the Pareto frontier and the Nash solution.
/// </summary>
public sealed class SweepAggregate(IReadOnlyList<IReadOnlyDictionary<string, string>> cells, IReadOnlyList<string> vendors)
{
    private readonly Dictionary<(int Cell, string Vendor), VendorTally> _tallies = [];
    private readonly int[] _runs = new int[cells.Count];

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Cells { get; } = cells;

    public void Add(SweepRunResult run)
    {
        _runs[run.Cell]++;
        foreach (var o in run.Outcomes)
        {
            if (!_tallies.TryGetValue((run.Cell, o.Vendor), out var tally)) _tallies[(run.Cell, o.Vendor)] = tally = new VendorTally();
            tally.Add(o, run.Deals.FirstOrDefault(d => d.Vendor == o.Vendor));
        }
    }

    public SweepSummary Summary(string sweep, string scenario, IReadOnlyList<int> seeds) => new(
        sweep, scenario, seeds,
        Cells.Select((values, c) => new SweepCell(values, _runs[c],
            vendors.Select(v => (_tallies.GetValueOrDefault((c, v)) ?? new VendorTally()).Summary(v)).ToList())).ToList());

    private sealed class VendorTally
    {
        private readonly Dictionary<OutcomeResult, int> _results = Enum.GetValues<OutcomeResult>().Where(r => r != OutcomeResult.Open).ToDictionary(r => r, _ => 0);
        private readonly Dictionary<LitigationStatus, int> _rulings = Enum.GetValues<LitigationStatus>().ToDictionary(l => l, _ => 0);
        private readonly Dictionary<string, (double Sum, double Squares)> _utilities = [];
        private int _agreements;
        private int _analysed;
        private int _paretoOptimal;
        private double _nashShare;

        public void Add(Outcome o, DealAnalysis? deal)
        {
            _results[o.Result]++;
            if (o.Litigation is { } l) _rulings[l]++;
            if (o.Utilities is { } utilities)
            {
                _agreements++;
                foreach (var (party, u) in utilities)
                {
                    var (sum, squares) = _utilities.GetValueOrDefault(party);
                    _utilities[party] = (sum + u, squares + u * u);
                }
            }
            if (deal is null) return;
            _analysed++;
            if (deal.ParetoOptimal) _paretoOptimal++;
            _nashShare += deal.BestNashProduct > 0 ? deal.NashProduct / deal.BestNashProduct : 1;
        }

        public VendorSweep Summary(string vendor) => new(
            vendor, _results, _rulings,
            _agreements == 0 ? null : _utilities.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value.Sum / _agreements, 4)),
            _agreements == 0 ? null : _utilities.ToDictionary(kv => kv.Key, kv =>
                Math.Round(Math.Sqrt(Math.Max(0, kv.Value.Squares / _agreements - Math.Pow(kv.Value.Sum / _agreements, 2))), 4)),
            _analysed == 0 ? null : Math.Round((double)_paretoOptimal / _analysed, 4),
            _analysed == 0 ? null : Math.Round(_nashShare / _analysed, 4));
    }
}

/// <summary>The <c>--json</c> of a sweep (cli.md 1.1), with the spread and the deal figures added.</summary>
public sealed record SweepSummary(string Sweep, string Scenario, IReadOnlyList<int> Seeds, IReadOnlyList<SweepCell> Cells);

public sealed record SweepCell(IReadOnlyDictionary<string, string> Values, int Runs, IReadOnlyList<VendorSweep> Vendors);

/// <param name="SpreadUtilities">the standard deviation of each party's utility over the agreements</param>
/// <param name="ParetoOptimalShare">the share of signed deals no other possible deal beat for both sides</param>
/// <param name="NashShare">the mean of each signed deal's Nash product over the best possible one</param>
public sealed record VendorSweep(
    string Vendor,
    IReadOnlyDictionary<OutcomeResult, int> Results,
    IReadOnlyDictionary<LitigationStatus, int> Litigation,
    IReadOnlyDictionary<string, double>? MeanUtilities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? SpreadUtilities = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ParetoOptimalShare = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? NashShare = null);
