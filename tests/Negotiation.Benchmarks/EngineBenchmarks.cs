using BenchmarkDotNet.Attributes;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Benchmarks;

[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class EngineBenchmarks
{
    private Scenario _scenario = null!;
    private UtilityModel _model = null!;
    private int[][] _allowed = null!;
    private int[] _reference = null!;
    private Scenario _bilateral = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = LargeScenario.Build();
        _model = new UtilityModel(_scenario, _scenario.Agency);
        _allowed = _scenario.Terms.Select(t => Enumerable.Range(0, t.Options.Count).ToArray()).ToArray();
        _reference = Enumerable.Repeat(2, _scenario.Terms.Count).ToArray();
        _bilateral = Negotiation.Scenarios.ScenarioLoader.Load(Path.Combine(Root(), "docs/bench/bilateral.yaml")).Scenario!;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Negotiation.sln"))) return dir.FullName;
        throw new InvalidOperationException("run this from inside the repository");
    }

    /// <summary>The sweep issue's bilateral negotiation (10 x 5, Boulware against Conceder), whole, on one thread.</summary>
    [Benchmark]
    public IReadOnlyList<RunEvent> Bilateral_10x5_negotiation() => Simulation.Run(_bilateral, 1);

    /// <summary>One offer choice over the whole 10 x 5 space (9.8 million offers), at a middling target.</summary>
    [Benchmark]
    public int[]? OfferSearch_10_terms_of_5_options() => OfferSearch.Find(_model.Weighted, _allowed, 0.62, _reference);

    /// <summary>A whole 3-vendor, 30-round run in the pure core: every offer choice, every rule, every event.</summary>
    [Benchmark]
    public IReadOnlyList<RunEvent> Run_3_vendors_30_rounds() => Simulation.Run(_scenario, 1);
}
