using System.Globalization;
using Negotiation.Core.Model;
using Negotiation.Scenarios;

namespace Negotiation.Cli.Commands;

/// <summary>
/// What a sweep is, made from what it was given (cli.md 1.1 and 1.2): the scenario, the grid of <c>--vary</c>, the
/// design and the seeds. Made the same way by the sweep's own process and by every worker node of a cluster, from
/// the same <see cref="SweepJob"/>, so each plays the same runs.
/// </summary>
internal sealed record SweepSetup(Scenario Scenario, List<(IReadOnlyDictionary<string, string> Values, Scenario Scenario)> Grid, SweepPlan Plan, IReadOnlyList<int> Seeds)
{
    public static SweepSetup Of(Scenario scenario, IReadOnlyList<int> seeds, string[] vary, string design, int? samples, string? discover)
    {
        var grid = Cells(scenario, vary);
        return new SweepSetup(scenario, grid, SweepPlan.Of(scenario, grid, design, samples, discover), seeds);
    }

    public long Total => Plan.Runs(Seeds.Count);

    /// <summary>Every combination of the varied values, each cell's scenario changed and validated as `fork --set` does.</summary>
    private static List<(IReadOnlyDictionary<string, string> Values, Scenario Scenario)> Cells(Scenario scenario, string[] vary)
    {
        var axes = new List<(string Path, string[] Values)>();
        foreach (var v in vary)
        {
            var equals = v.IndexOf('=');
            if (equals <= 0 || equals == v.Length - 1) throw new BadInputException($"--vary {v}: expected PATH=V1,V2,...");
            var path = v[..equals].Trim();
            var values = SweepCommand.Values(v[(equals + 1)..].Trim(), v);
            if (values.Any(x => x.Length == 0)) throw new BadInputException($"--vary {v}: an empty value");
            if (axes.Any(a => a.Path == path)) throw new BadInputException($"--vary {path}: varied twice");
            axes.Add((path, values));
        }
        var cells = new List<(IReadOnlyDictionary<string, string>, Scenario)>();
        if (axes.Aggregate(1L, (n, a) => n * a.Values.Length) > 10_000) throw new BadInputException("--vary: more than 10,000 cells");
        foreach (var combination in axes.Aggregate((IEnumerable<string[]>)[[]], (acc, axis) => acc.SelectMany(prefix => axis.Values.Select(x => (string[])[.. prefix, x]))))
        {
            var values = axes.Select((a, i) => (a.Path, Value: combination[i])).ToDictionary(x => x.Path, x => x.Value);
            var (changed, problems) = ScenarioPaths.Apply(scenario, values.Select(kv => $"{kv.Key}={kv.Value}"));
            if (problems.Count > 0) throw new BadInputException(string.Join(Environment.NewLine, problems.Select(p => p.Replace("--set", "--vary", StringComparison.Ordinal))));
            cells.Add((values, changed!));
        }
        return cells;
    }

    /// <summary>The seeds <c>FROM..TO</c> or one seed; said wrong, bad input before anything else is read.</summary>
    public static IReadOnlyList<int> ParseRange(string text)
    {
        // One seed is a range of one (cli.md 1.2: `--seeds 5` was refused).
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var only)) return [only];
        var parts = text.Split("..");
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var from) &&
            int.TryParse(parts[1], CultureInfo.InvariantCulture, out var to) && from <= to && (long)to - from < 1_000_000)
            return new SeedRange(from, to - from + 1);
        throw new BadInputException($"--seeds {text}: expected FROM..TO, such as 1..20 (at most 1,000,000 seeds), or one seed");
    }
}
