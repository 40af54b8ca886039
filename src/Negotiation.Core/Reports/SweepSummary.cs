using System.Text.Json.Serialization;
using Negotiation.Core.Analysis;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Core.Reports;

/// <summary>
/// One run of a sweep, reduced to what the sweep reports: no events are kept. <see cref="Values"/> holds each
/// outcome's values to both its sides (format 1.2), in the order of <see cref="Outcomes"/>; <see cref="Payoffs"/>
/// every party's payoff.
/// </summary>
public sealed record SweepRunResult(
    int Cell,
    int Seed,
    int Rounds,
    IReadOnlyList<Outcome> Outcomes,
    IReadOnlyList<DealAnalysis> Deals,
    IReadOnlyList<IReadOnlyDictionary<string, double>> Values,
    IReadOnlyDictionary<string, double> Payoffs)
{
    public static SweepRunResult From(int cell, int seed, IReadOnlyList<RunEvent> events, bool analyseDeals)
    {
        var state = Evolution.Fold(events);
        var outcomes = ((RunConcluded)events[^1]).Outcomes;
        return new(
            cell, seed, events[^1].Round,
            outcomes,
            analyseDeals ? DealAnalysis.Of(events) : [],
            outcomes.Select(o => Endings.ValuesOf(state, state.Negotiation(o.Vendor))!).ToList(),
            Endings.Payoffs(state));
    }
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
    private readonly Dictionary<(int Cell, string Party), Moments> _payoffs = [];

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Cells { get; } = cells;

    public void Add(SweepRunResult run)
    {
        _runs[run.Cell]++;
        for (var i = 0; i < run.Outcomes.Count; i++)
        {
            var o = run.Outcomes[i];
            if (!_tallies.TryGetValue((run.Cell, o.Vendor), out var tally)) _tallies[(run.Cell, o.Vendor)] = tally = new VendorTally();
            tally.Add(o, run.Deals.FirstOrDefault(d => d.Vendor == o.Vendor), run.Values[i]);
        }
        foreach (var (party, payoff) in run.Payoffs)
        {
            if (!_payoffs.TryGetValue((run.Cell, party), out var moments)) _payoffs[(run.Cell, party)] = moments = new Moments();
            moments.Add(payoff);
        }
    }

    public SweepSummary Summary(string sweep, string scenario, IReadOnlyList<int> seeds) => new(
        sweep, scenario, seeds,
        Cells.Select((values, c) => new SweepCell(values, _runs[c],
            vendors.Select(v => (_tallies.GetValueOrDefault((c, v)) ?? new VendorTally()).Summary(v)).ToList())
        {
            MeanPayoffs = Means(_payoffs.Where(kv => kv.Key.Cell == c).ToDictionary(kv => kv.Key.Party, kv => kv.Value), m => m.Mean),
            SpreadPayoffs = Means(_payoffs.Where(kv => kv.Key.Cell == c).ToDictionary(kv => kv.Key.Party, kv => kv.Value), m => m.Spread),
        }).ToList());

    private static IReadOnlyDictionary<string, double> Means(Dictionary<string, Moments> moments, Func<Moments, double> figure) =>
        moments.ToDictionary(kv => kv.Key, kv => Math.Round(figure(kv.Value), 4));

    /// <summary>A running mean and standard deviation: flat memory however many runs.</summary>
    private sealed class Moments
    {
        private double _sum;
        private double _squares;

        public int Count { get; private set; }

        public double Mean => Count == 0 ? 0 : _sum / Count;

        public double Spread => Count == 0 ? 0 : Math.Sqrt(Math.Max(0, _squares / Count - Mean * Mean));

        public void Add(double x)
        {
            Count++;
            _sum += x;
            _squares += x * x;
        }
    }

    private sealed class VendorTally
    {
        private readonly Dictionary<OutcomeResult, int> _results = Enum.GetValues<OutcomeResult>().Where(r => r != OutcomeResult.Open).ToDictionary(r => r, _ => 0);
        private readonly Dictionary<LitigationStatus, int> _rulings = Enum.GetValues<LitigationStatus>().ToDictionary(l => l, _ => 0);
        private readonly Dictionary<string, (double Sum, double Squares)> _utilities = [];
        private readonly Dictionary<string, Moments> _values = [];
        private int _agreements;
        private int _runs;
        private long _rounds;
        private int _analysed;
        private int _paretoOptimal;
        private double _nashShare;

        public void Add(Outcome o, DealAnalysis? deal, IReadOnlyDictionary<string, double> values)
        {
            _results[o.Result]++;
            _runs++;
            _rounds += o.Round;
            foreach (var (party, value) in values)
            {
                if (!_values.TryGetValue(party, out var moments)) _values[party] = moments = new Moments();
                moments.Add(value);
            }
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
            _analysed == 0 ? null : Math.Round(_nashShare / _analysed, 4))
        {
            MeanValues = _values.Count == 0 ? null : Means(_values, m => m.Mean),
            MeanRound = _runs == 0 ? null : Math.Round((double)_rounds / _runs, 2),
            SpreadValues = _values.Count == 0 ? null : Means(_values, m => m.Spread),
        };
    }
}

/// <summary>The <c>--json</c> of a sweep (cli.md 1.1), with the spread and the deal figures added.</summary>
public sealed record SweepSummary(string Sweep, string Scenario, IReadOnlyList<int> Seeds, IReadOnlyList<SweepCell> Cells)
{
    /// <summary>The design its points came from (cli.md 1.2), or null for a grid.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DesignSummary? Design { get; init; }
}

/// <param name="Kind">random, lhs or sobol</param>
/// <param name="Samples">N of <c>--samples</c></param>
/// <param name="Seed">the seed the points were drawn from (the file's)</param>
/// <param name="Points">how many points each cell plays, every seed at each</param>
public sealed record DesignSummary(string Kind, int Samples, int Seed, int Points, IReadOnlyList<Exploration.DesignInput> Inputs);

/// <param name="Values">the varied paths and their values in this cell</param>
public sealed record SweepCell(IReadOnlyDictionary<string, string> Values, int Runs, IReadOnlyList<VendorSweep> Vendors)
{
    /// <summary>Each party's mean payoff over the cell's runs (format 1.2): a vendor's value, the agency's mean over vendors.</summary>
    public IReadOnlyDictionary<string, double> MeanPayoffs { get; init; } = new Dictionary<string, double>();

    /// <summary>The standard deviation of each party's payoff over the cell's runs.</summary>
    public IReadOnlyDictionary<string, double> SpreadPayoffs { get; init; } = new Dictionary<string, double>();

    /// <summary>With a design (cli.md 1.2): how much each input explains of each vendor's value and the agency's payoff.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Exploration.OutputSensitivity>? Sensitivity { get; init; }

    /// <summary>With <c>--discover</c>: the boxes of inputs under which the outcome happens.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Exploration.Discovery? Discovery { get; init; }
}

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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? NashShare = null)
{
    /// <summary>The mean value of the negotiation to both its sides over every run, whatever its ending (format 1.2).</summary>
    public IReadOnlyDictionary<string, double>? MeanValues { get; init; }

    /// <summary>The standard deviation of those values.</summary>
    public IReadOnlyDictionary<string, double>? SpreadValues { get; init; }

    /// <summary>The mean round in which the negotiation ended, whatever its ending (issue 20: rounds to outcome).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MeanRound { get; init; }
}
