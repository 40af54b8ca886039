using Negotiation.Cli.Commands;
using Negotiation.Core.Engine;
using Negotiation.Core.Reports;
using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>
/// Issue 21: a sweep on a cluster prints what one machine prints, byte for byte, only if a chunk's results come
/// back from the wire exactly as they were: every number to the bit, every map in its order, every case.
/// </summary>
public class SweepWireTests
{
    [Fact]
    public void Results_read_back_from_the_wire_give_the_same_summary_and_table_as_the_results_themselves_over_generated_scenarios()
    {
        for (var k = 1; k <= 150; k++)
        {
            var scenario = GeneratedScenarios.Build(k);
            var results = Enumerable.Range(1, 3).Select(seed => SweepRunResult.From(0, seed, Simulation.Run(scenario, seed), analyseDeals: true)).ToArray();

            var read = SweepJob.Results(SweepJob.Results(results));

            Assert.True(Summary(scenario, results) == Summary(scenario, read), $"scenario {k}: the summary differs");
            var table = new SweepTable(scenario, []);
            Assert.Equal(results.SelectMany(r => table.Rows("s", $"s-{r.Seed}", 0, [], r)), read.SelectMany(r => table.Rows("s", $"s-{r.Seed}", 0, [], r)));
        }
    }

    [Fact]
    public void A_job_read_back_makes_the_same_sweep()
    {
        var file = Cli.Scenario("which-inputs-matter.yaml");
        var job = new SweepJob(Path.GetFileName(file), File.ReadAllText(file), "1..4", ["agency.reservation=0.2,0.4"], "lhs", 16,
            "anthropic.result=designated", "s", true, null);

        var read = SweepJob.FromJson(job.ToJson());
        var (a, b) = (job.Setup(), read.Setup());

        Assert.Equal(job with { Vary = [] }, read with { Vary = [] });
        Assert.Equal(job.Vary, read.Vary);
        Assert.Equal(a.Total, b.Total);
        Assert.Equal(Enumerable.Range(0, (int)a.Total).Select(i => a.Plan.Position(i, a.Seeds).RunId("s")),
            Enumerable.Range(0, (int)b.Total).Select(i => b.Plan.Position(i, b.Seeds).RunId("s")));
        Assert.Equal(a.Plan.Points, b.Plan.Points);
    }

    private static string Summary(Core.Model.Scenario scenario, IEnumerable<SweepRunResult> results)
    {
        var aggregate = new SweepAggregate([new Dictionary<string, string>()], scenario.Vendors.Select(v => v.Id).ToList());
        foreach (var r in results) aggregate.Add(r);
        return SummaryJson.Serialize(aggregate.Summary("s", scenario.Name, [1, 2, 3]));
    }
}
