using System.Globalization;
using Negotiation.Core.Model;

namespace Negotiation.Core.Reports;

/// <summary>What a column of the sweep table holds, so that Parquet can type it.</summary>
public enum ColumnKind { Text, Integer, Number }

public sealed record SweepColumn(string Name, ColumnKind Kind);

/// <summary>
/// The tidy table of a sweep (cli.md 1.2 <c>--csv</c>, <c>--parquet</c>): one row per run and vendor. Columns, in
/// order: <c>sweep</c>, <c>run</c> (its run id), <c>seed</c>, <c>point</c> (the design point; with a grid, the
/// cell), one column per input by its path (each varied path, then every range and <c>one_of</c> of the file,
/// whether or not it varies: the value the run was played with), <c>vendor</c>, <c>result</c>, <c>round</c>,
/// <c>litigation</c>, <c>value.PARTY</c> per party (format 1.2), <c>payoff.agency</c>, <c>terms.TERM</c> per term
/// (empty unless signed), and last the 1.1 columns not named above: each party's utility of a signed deal, named by
/// the party's id. A value that is absent is an empty field (CSV) or a null (Parquet).
/// </summary>
public sealed class SweepTable
{
    private readonly IReadOnlyList<string> _parties;
    private readonly IReadOnlyList<string> _terms;

    public SweepTable(Scenario scenario, IReadOnlyList<SweepColumn> inputs)
    {
        _parties = scenario.Parties.Select(p => p.Id).ToList();
        _terms = scenario.Terms.Select(t => t.Id).ToList();
        Columns =
        [
            new("sweep", ColumnKind.Text), new("run", ColumnKind.Text), new("seed", ColumnKind.Integer), new("point", ColumnKind.Integer),
            .. inputs,
            new("vendor", ColumnKind.Text), new("result", ColumnKind.Text), new("round", ColumnKind.Integer), new("litigation", ColumnKind.Text),
            .. _parties.Select(p => new SweepColumn($"value.{p}", ColumnKind.Number)),
            new("payoff.agency", ColumnKind.Number),
            .. _terms.Select(t => new SweepColumn($"terms.{t}", ColumnKind.Text)),
            .. _parties.Select(p => new SweepColumn(p, ColumnKind.Number)),
        ];
    }

    public IReadOnlyList<SweepColumn> Columns { get; }

    /// <summary>The run's rows, one per vendor, each value as its column's kind: string, int or double, or null.</summary>
    /// <param name="inputs">the value of each input column, in the order the table was given them</param>
    public IEnumerable<object?[]> Rows(string sweep, string runId, int point, IReadOnlyList<object?> inputs, SweepRunResult run)
    {
        for (var i = 0; i < run.Outcomes.Count; i++)
        {
            var o = run.Outcomes[i];
            yield return
            [
                sweep, runId, run.Seed, point,
                .. inputs,
                o.Vendor, Words.Of(o.Result), o.Round, o.Litigation is { } l ? Words.Of(l) : null,
                .. _parties.Select(p => Figure(run.Values[i], p)),
                Figure(run.Payoffs, _parties[0]),
                .. _terms.Select(t => o.Terms is { } terms && terms.TryGetValue(t, out var option) ? option : null),
                .. _parties.Select(p => Figure(o.Utilities, p)),
            ];
        }
    }

    /// <summary>A value as the CSV writes it: numbers to 4 decimals, as every other figure of a sweep.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object? Figure(IReadOnlyDictionary<string, double>? figures, string party) =>
        figures is not null && figures.TryGetValue(party, out var x) ? x : null;
}
