using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Reports;

namespace Negotiation.Core.Exploration;

/// <summary>
/// A condition on a run's outcome for scenario discovery (cli.md 1.2 <c>--discover</c>):
/// <c>VENDOR.result=RESULT</c> or <c>VENDOR.litigation=STATUS</c>, in the words <c>--json</c> uses.
/// </summary>
public sealed record OutcomeCondition(string Text, string Vendor, OutcomeResult? Result, LitigationStatus? Litigation)
{
    public static OutcomeCondition Parse(string text, Scenario scenario)
    {
        var equals = text.IndexOf('=');
        var dot = text.IndexOf('.');
        if (equals < 0 || dot < 0 || dot > equals) throw new FormatException($"`{text}`: expected VENDOR.result=RESULT or VENDOR.litigation=STATUS");
        var vendor = text[..dot].Trim();
        var field = text[(dot + 1)..equals].Trim();
        var word = text[(equals + 1)..].Trim();
        if (scenario.Vendors.All(v => v.Id != vendor))
            throw new FormatException($"`{text}`: there is no vendor `{vendor}` (the vendors: {string.Join(", ", scenario.Vendors.Select(v => v.Id))})");
        return field switch
        {
            "result" => new(text, vendor, Find(Enum.GetValues<OutcomeResult>().Where(r => r != OutcomeResult.Open), word, text, "a result"), null),
            "litigation" => new(text, vendor, null, Find(Enum.GetValues<LitigationStatus>(), word, text, "a litigation status")),
            _ => throw new FormatException($"`{text}`: `{field}` is neither `result` nor `litigation`"),
        };
    }

    private static T Find<T>(IEnumerable<T> cases, string word, string text, string what) where T : struct, Enum
    {
        var all = cases.ToList();
        return all.Where(c => Words.Of(c) == word).Select(c => (T?)c).FirstOrDefault()
               ?? throw new FormatException($"`{text}`: {what} is one of {string.Join(", ", all.Select(Words.Of))}");
    }

    public bool HoldsFor(SweepRunResult run) => run.Outcomes.FirstOrDefault(o => o.Vendor == Vendor) is { } o &&
                                                (Result is { } r ? o.Result == r : o.Litigation == Litigation);
}

/// <summary>
/// A design's outputs per point, over the point's seeds: the mean of each vendor's value (<c>value.VENDOR</c>) and
/// of the agency's payoff (<c>payoff.agency</c>), and how many runs met the discovery condition. Flat memory:
/// a few numbers per point, whatever the number of seeds.
/// </summary>
public sealed class PointTally
{
    private readonly IReadOnlyList<string> _vendors;
    private readonly string _agency;
    private readonly double[][] _sums;
    private readonly int[] _runs;
    private readonly int[] _hits;
    private readonly OutcomeCondition? _condition;

    public PointTally(Scenario scenario, int points, OutcomeCondition? condition)
    {
        _vendors = scenario.Vendors.Select(v => v.Id).ToList();
        _agency = scenario.Agency.Id;
        Outputs = [.. _vendors.Select(v => $"value.{v}"), "payoff.agency"];
        _sums = Outputs.Select(_ => new double[points]).ToArray();
        _runs = new int[points];
        _hits = new int[points];
        _condition = condition;
    }

    /// <summary>The outputs analysed, named as the table's columns.</summary>
    public IReadOnlyList<string> Outputs { get; }

    public IReadOnlyList<int> Runs => _runs;

    public IReadOnlyList<int> Hits => _hits;

    public void Add(int point, SweepRunResult run)
    {
        _runs[point]++;
        // The outcomes come in the file's vendor order, with each one's values beside it.
        for (var i = 0; i < run.Outcomes.Count; i++)
        {
            var v = IndexOfVendor(run.Outcomes[i].Vendor);
            if (v >= 0 && run.Values[i].TryGetValue(_vendors[v], out var value)) _sums[v][point] += value;
        }
        _sums[^1][point] += run.Payoffs.GetValueOrDefault(_agency);
        if (_condition?.HoldsFor(run) == true) _hits[point]++;
    }

    private int IndexOfVendor(string vendor)
    {
        for (var v = 0; v < _vendors.Count; v++)
            if (_vendors[v] == vendor) return v;
        return -1;
    }

    /// <summary>Each point's mean of an output over its runs.</summary>
    public IReadOnlyList<double> Means(int output) => _sums[output].Select((sum, p) => _runs[p] == 0 ? 0 : sum / _runs[p]).ToList();
}
