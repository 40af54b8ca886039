using Negotiation.Core.Engine;
using Negotiation.Core.Exploration;
using Negotiation.Core.Model;
using Negotiation.Core.Reports;

namespace Negotiation.Cli.Commands;

/// <summary>Where one run of a sweep sits: its cell of the grid, its design point (none for a grid) and its seed.</summary>
internal readonly record struct SweepPosition(int Cell, int? Point, int Seed)
{
    /// <summary>As in 1.1 for a grid (sweep id, cell and seed); a design point adds <c>-pN</c>.</summary>
    public string RunId(string sweep) => Point is { } p ? $"{sweep}-c{Cell}-p{p}-s{Seed}" : $"{sweep}-c{Cell}-s{Seed}";
}

/// <summary>
/// What a sweep plays (cli.md 1.1 and 1.2): the grid's cells (every combination of <c>--vary</c>), and in each
/// cell either the file as written (its ranges drawn by each seed) or a design's points over every range and
/// <c>one_of</c> not varied (each fixed at its point), every seed at each. Runs are counted cell by cell, point by
/// point, seed by seed, so the table's order is fixed whatever the number of workers.
/// </summary>
internal sealed class SweepPlan
{
    private const long MaxRuns = 1_000_000_000;

    private SweepPlan(IReadOnlyList<(IReadOnlyDictionary<string, string> Values, Scenario Scenario)> cells, DesignKind kind, int samples, int seed,
        IReadOnlyList<DesignInput> inputs, IReadOnlyList<double[]> points, OutcomeCondition? discover)
    {
        Cells = cells;
        Kind = kind;
        Samples = samples;
        Seed = seed;
        DesignInputs = inputs;
        Points = points;
        Discover = discover;
        Columns =
        [
            .. (cells.Count > 0 ? cells[0].Values.Keys : []).Select(p => new SweepColumn(p, ColumnKind.Text)),
            .. inputs.Select(i => new SweepColumn(i.Path, i is DesignInput.Words ? ColumnKind.Text : ColumnKind.Number)),
        ];
    }

    public IReadOnlyList<(IReadOnlyDictionary<string, string> Values, Scenario Scenario)> Cells { get; }

    public DesignKind Kind { get; }

    public int Samples { get; }

    /// <summary>The seed a design's points are drawn from: the file's.</summary>
    public int Seed { get; }

    /// <summary>Every range and <c>one_of</c> of the file that <c>--vary</c> does not set, in the file's order.</summary>
    public IReadOnlyList<DesignInput> DesignInputs { get; }

    /// <summary>A design's points, a coordinate in [0, 1) per input; none for a grid.</summary>
    public IReadOnlyList<double[]> Points { get; }

    public DesignSummary? Design => Kind == DesignKind.Grid ? null
        : new(Words.Of(Kind), Samples, Seed, Points.Count, DesignInputs);

    public OutcomeCondition? Discover { get; }

    /// <summary>The table's input columns: each varied path, then each range and <c>one_of</c>.</summary>
    public IReadOnlyList<SweepColumn> Columns { get; }

    public static SweepPlan Of(Scenario scenario, IReadOnlyList<(IReadOnlyDictionary<string, string> Values, Scenario Scenario)> cells,
        string design, int? samples, string? discover)
    {
        var kinds = new Dictionary<string, DesignKind> { ["grid"] = DesignKind.Grid, ["random"] = DesignKind.Random, ["lhs"] = DesignKind.Lhs, ["sobol"] = DesignKind.Sobol };
        if (!kinds.TryGetValue(design, out var kind)) throw new BadInputException($"--design {design}: grid, random, lhs or sobol");
        var varied = cells.Count > 0 ? cells[0].Values.Keys.ToHashSet() : [];
        var inputs = DesignInput.Of(scenario).Where(i => !varied.Contains(i.Path)).ToList();
        if (kind == DesignKind.Grid)
        {
            if (samples is not null) throw new BadInputException("--samples: only with --design random, lhs or sobol (a grid's points are the combinations of --vary)");
            if (discover is not null) throw new BadInputException("--discover: only with --design random, lhs or sobol, whose points spread over the file's ranges");
            return new SweepPlan(cells, kind, 0, scenario.Seed, inputs, [], null);
        }
        if (inputs.Count == 0)
            throw new BadInputException($"--design {design}: the file has no range ({{ between: [LOW, HIGH] }}) or one_of that --vary leaves free, so there is nothing to place points over");
        if (samples is not { } n) throw new BadInputException($"--design {design}: give the number of points with --samples N");
        if (n is < 2 or > 1_000_000) throw new BadInputException($"--samples {n}: from 2 to 1,000,000");
        if (kind == DesignKind.Sobol && 2 * inputs.Count > SobolSequence.MaxDimensions)
            throw new BadInputException($"--design sobol: at most {SobolSequence.MaxDimensions / 2} inputs; the file has {inputs.Count} ranges and one_ofs (use lhs, or fix some with --vary)");
        if (cells.Count * Core.Exploration.Design.Count(kind, inputs.Count, n) > 10_000_000) throw new BadInputException($"--samples {n}: more than 10,000,000 points");
        OutcomeCondition? condition = null;
        if (discover is not null)
        {
            try { condition = OutcomeCondition.Parse(discover, scenario); }
            catch (FormatException e) { throw new BadInputException($"--discover {e.Message}"); }
        }
        return new SweepPlan(cells, kind, n, scenario.Seed, inputs, Core.Exploration.Design.Points(kind, inputs.Count, n, scenario.Seed), condition);
    }

    public long Runs(int seeds)
    {
        var runs = (long)Cells.Count * Math.Max(1, Points.Count) * seeds;
        return runs <= MaxRuns ? runs : throw new BadInputException($"{runs:N0} runs: at most {MaxRuns:N0} in one sweep");
    }

    public string Describe(int seeds) => Kind == DesignKind.Grid
        ? $"{Cells.Count} cell(s) x {seeds} seeds"
        : $"{Words.Of(Kind)} design, {Points.Count:N0} points over {DesignInputs.Count} input(s){(Cells.Count > 1 ? $" in each of {Cells.Count} cells" : "")} x {seeds} seeds";

    public SweepPosition Position(long k, IReadOnlyList<int> seeds)
    {
        var points = Math.Max(1, Points.Count);
        var cell = (int)(k / ((long)points * seeds.Count));
        var rest = k % ((long)points * seeds.Count);
        return new SweepPosition(cell, Points.Count == 0 ? null : (int)(rest / seeds.Count), seeds[(int)(rest % seeds.Count)]);
    }

    /// <summary>The scenario a position plays: its cell's, fixed at its design point.</summary>
    public Scenario Scenario(int cell, int? point) =>
        point is { } p ? DesignInput.Fix(Cells[cell].Scenario, DesignInputs, Points[p]) : Cells[cell].Scenario;

    /// <summary>The run's value of every input column: the varied values, then each input as played.</summary>
    public IReadOnlyList<object?> Inputs(SweepPosition at)
    {
        var values = new List<object?>(Columns.Count);
        values.AddRange(Cells[at.Cell].Values.Values);
        var cell = Cells[at.Cell].Scenario;
        for (var i = 0; i < DesignInputs.Count; i++)
        {
            var input = DesignInputs[i];
            values.Add(at.Point is { } p
                ? input is DesignInput.Words ? input.Text(Points[p][i]) : input.Number(Points[p][i])
                // A grid leaves the file's ranges to each seed: the value that seed drew.
                : input is DesignInput.Words
                    ? cell.Choices?.FirstOrDefault(c => c.Path == input.Path) is { } choice ? Uncertainty.Word(choice, at.Seed) : null
                    : cell.Uncertain?.FirstOrDefault(u => u.Path == input.Path) is { } range ? Uncertainty.Value(range, at.Seed) : null);
        }
        return values;
    }

    /// <summary>The summary with the design and, per cell, its sensitivity and discovery (cli.md 1.2).</summary>
    public SweepSummary Explain(SweepSummary summary, IReadOnlyList<PointTally>? tallies)
    {
        if (tallies is null) return summary;
        var numbers = Points.Select(u => DesignInputs.Select((input, i) => input.Number(u[i])).ToArray()).ToList();
        var names = DesignInputs.Select(i => i.Path).ToList();
        return summary with
        {
            Design = Design,
            Cells = summary.Cells.Select((cell, c) =>
            {
                var tally = tallies[c];
                var sensitivity = tally.Outputs.Select((output, o) => new OutputSensitivity(output,
                    Kind == DesignKind.Sobol ? "sobol" : "correlation-ratio",
                    Rounded(Kind == DesignKind.Sobol
                        ? Sensitivity.Sobol(names, tally.Means(o), Samples, Seed)
                        : Sensitivity.CorrelationRatios(DesignInputs, numbers, tally.Means(o), Seed)))).ToList();
                return cell with
                {
                    Sensitivity = sensitivity,
                    Discovery = Discover is null ? null : Rounded(Prim.Discover(Discover.Text, DesignInputs, numbers, tally.Runs, tally.Hits)),
                };
            }).ToList(),
        };
    }

    private static List<InputSensitivity> Rounded(IReadOnlyList<InputSensitivity> indices) =>
        indices.Select(s => new InputSensitivity(s.Input, R(s.First), R(s.FirstConfidence), s.Total is { } t ? R(t) : null, s.TotalConfidence is { } tc ? R(tc) : null)).ToList();

    private static Discovery Rounded(Discovery d) => d with
    {
        BaseRate = R(d.BaseRate),
        Boxes = d.Boxes.Select(b => b with
        {
            Coverage = R(b.Coverage), Density = R(b.Density), Mass = R(b.Mass),
            Limits = b.Limits.Select(l => l is BoxLimit.Between x ? x with { Low = R(x.Low), High = R(x.High) } : l).ToList(),
        }).ToList(),
        Trajectory = d.Trajectory.Select(t => new PeelingStep(R(t.Coverage), R(t.Density), R(t.Mass), t.Restricted)).ToList(),
    };

    private static double R(double x) => Math.Round(x, 4);
}
