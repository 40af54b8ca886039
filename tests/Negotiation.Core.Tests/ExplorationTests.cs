using Negotiation.Core.Exploration;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>Designs, sensitivity and scenario discovery (cli.md 1.2) against published values and cases whose answer is known.</summary>
public class ExplorationTests
{
    [Fact]
    public void The_Sobol_sequence_is_Joe_and_Kuos()
    {
        // The first ten points in three dimensions, as Joe and Kuo publish them (and SALib's test checks).
        double[][] expected =
        [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75], [0.375, 0.375, 0.625],
            [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375], [0.1875, 0.3125, 0.9375], [0.6875, 0.8125, 0.4375],
        ];

        var points = SobolSequence.Points(3, 10);

        for (var i = 0; i < 10; i++) Assert.Equal(expected[i], points[i]);
    }

    [Fact]
    public void The_first_power_of_two_points_of_every_dimension_fill_its_strata_once_each()
    {
        var points = SobolSequence.Points(SobolSequence.MaxDimensions, 64);

        for (var d = 0; d < SobolSequence.MaxDimensions; d++)
            Assert.Equal(Enumerable.Range(0, 64), points.Select(p => (int)(p[d] * 64)).Order());
    }

    [Fact]
    public void A_Latin_hypercube_uses_each_stratum_of_each_input_once_and_is_the_same_from_the_same_seed()
    {
        var points = Design.Points(DesignKind.Lhs, 4, 50, seed: 7);

        for (var d = 0; d < 4; d++) Assert.Equal(Enumerable.Range(0, 50), points.Select(p => (int)(p[d] * 50)).Order());
        Assert.Equal(points, Design.Points(DesignKind.Lhs, 4, 50, seed: 7));
        Assert.NotEqual(points[0], Design.Points(DesignKind.Lhs, 4, 50, seed: 8)[0]);
    }

    [Fact]
    public void A_Saltelli_design_has_A_then_each_AB_then_B_for_every_row()
    {
        var points = Design.Points(DesignKind.Sobol, 3, 8, seed: 1);

        Assert.Equal(8 * 5, points.Count);
        Assert.Equal(Design.Count(DesignKind.Sobol, 3, 8), points.Count);
        for (var j = 0; j < 8; j++)
        {
            var a = points[j * 5];
            var b = points[j * 5 + 4];
            for (var i = 0; i < 3; i++)
                Assert.Equal(Enumerable.Range(0, 3).Select(k => k == i ? b[k] : a[k]), points[j * 5 + 1 + i]);
        }
    }

    [Fact]
    public void Sobol_indices_of_the_Ishigami_function_are_its_analytic_ones()
    {
        // Ishigami and Homma (1990), a = 7, b = 0.1, inputs uniform on [-pi, pi]: the analytic indices
        // (Saltelli et al., Global Sensitivity Analysis: The Primer, 2008) are S = (0.3139, 0.4424, 0) and
        // ST = (0.5576, 0.4424, 0.2437).
        const int n = 2048;
        var points = Design.Points(DesignKind.Sobol, 3, n, seed: 1);
        var y = points.Select(p =>
        {
            var x = p.Select(u => -Math.PI + u * 2 * Math.PI).ToArray();
            return Math.Sin(x[0]) + 7 * Math.Pow(Math.Sin(x[1]), 2) + 0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]);
        }).ToList();

        var indices = Sensitivity.Sobol(["x1", "x2", "x3"], y, n);

        double[] first = [0.3139, 0.4424, 0];
        double[] total = [0.5576, 0.4424, 0.2437];
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(indices[i].First, first[i] - 0.04, first[i] + 0.04);
            Assert.InRange(indices[i].Total!.Value, total[i] - 0.04, total[i] + 0.04);
            Assert.InRange(indices[i].FirstConfidence, 0.001, 0.1);
            Assert.InRange(indices[i].TotalConfidence!.Value, 0.001, 0.1);
        }
    }

    [Fact]
    public void A_feature_ranking_puts_the_input_that_drives_the_output_first()
    {
        var inputs = new DesignInput[] { new DesignInput.Range("a", 0, 1, false), new DesignInput.Range("b", 0, 1, false), new DesignInput.Words("c", ["x", "y"]) };
        var points = Design.Points(DesignKind.Lhs, 3, 400, seed: 3).Select(p => inputs.Select((input, i) => input.Number(p[i])).ToArray()).ToList();
        var y = points.Select(p => 4 * p[1] + (p[2] == 1 ? 1 : 0) + 0.1 * p[0]).ToList();

        var ranking = Sensitivity.CorrelationRatios(inputs, points, y);

        Assert.True(ranking[1].First > 0.8, $"b explains {ranking[1].First}");
        Assert.True(ranking[2].First > ranking[0].First, "c moves y more than a does");
        Assert.True(ranking[0].First < 0.05, $"a explains {ranking[0].First}");
        Assert.All(ranking, r => Assert.Null(r.Total));
    }

    [Fact]
    public void PRIM_finds_a_box_whose_limits_are_known()
    {
        // The outcome happens exactly when x1 > 0.6 and x2 < 0.3 (a box of mass 0.12); x3 and the word are noise.
        var inputs = new DesignInput[] { new DesignInput.Range("x1", 0, 1, false), new DesignInput.Range("x2", 0, 1, false),
            new DesignInput.Range("x3", 0, 1, false), new DesignInput.Words("w", ["p", "q", "r"]) };
        var points = Design.Points(DesignKind.Random, 4, 2000, seed: 11).Select(p => inputs.Select((input, i) => input.Number(p[i])).ToArray()).ToList();
        var runs = points.Select(_ => 5).ToList();
        var hits = points.Select(p => p[0] > 0.6 && p[1] < 0.3 ? 5 : 0).ToList();

        var found = Prim.Discover("x.result=designated", inputs, points, runs, hits);

        var box = found.Boxes[0];
        Assert.Equal(["x1", "x2"], box.Limits.Select(l => l.Input));
        var x1 = Assert.IsType<BoxLimit.Between>(box.Limits[0]);
        var x2 = Assert.IsType<BoxLimit.Between>(box.Limits[1]);
        Assert.InRange(x1.Low, 0.55, 0.65);
        Assert.InRange(x2.High, 0.25, 0.35);
        Assert.True(box.Density >= 0.9, $"density {box.Density}");
        Assert.True(box.Coverage >= 0.9, $"coverage {box.Coverage}");
        Assert.InRange(found.BaseRate, 0.1, 0.14);
        Assert.Equal(10_000, found.Runs);
        Assert.True(found.Trajectory.Count > 5);
        Assert.Equal(1.0, found.Trajectory[0].Coverage);
    }

    [Fact]
    public void PRIM_finds_a_word_that_decides_the_outcome()
    {
        var inputs = new DesignInput[] { new DesignInput.Range("x", 0, 1, false), new DesignInput.Words("w", ["hold", "concede", "walk-away"]) };
        var points = Design.Points(DesignKind.Lhs, 2, 600, seed: 5).Select(p => inputs.Select((input, i) => input.Number(p[i])).ToArray()).ToList();
        var hits = points.Select(p => p[1] == 0 ? 1 : 0).ToList();

        var found = Prim.Discover("w", inputs, points, points.Select(_ => 1).ToList(), hits);

        var limit = Assert.IsType<BoxLimit.OneOf>(Assert.Single(found.Boxes[0].Limits));
        Assert.Equal(["hold"], limit.Words);
        Assert.Equal(1.0, found.Boxes[0].Density);
        Assert.Equal(1.0, found.Boxes[0].Coverage);
    }

    [Fact]
    public void Fixing_a_point_sets_every_drawn_number_and_word_and_leaves_nothing_to_draw()
    {
        var scenario = Stories.WholeStory() with
        {
            Uncertain = [new("litigation.injunction_probability", 0.2, 0.8, false), new("litigation.rounds_to_ruling", 2, 5, true)],
            Choices = [new("vendors.anthropic.on_threat", ["hold", "concede"])],
        };
        var inputs = DesignInput.Of(scenario);

        var fixedAt = DesignInput.Fix(scenario, inputs, [0.5, 0.99, 0.6]);

        Assert.Equal(["litigation.injunction_probability", "litigation.rounds_to_ruling", "vendors.anthropic.on_threat"], inputs.Select(i => i.Path));
        Assert.Null(fixedAt.Uncertain);
        Assert.Null(fixedAt.Choices);
        Assert.Equal(0.5, fixedAt.Litigation!.InjunctionProbability, 9);
        Assert.Equal(5, fixedAt.Litigation.RoundsToRuling);
        Assert.Equal(Negotiation.Core.Model.ThreatRule.Concede, fixedAt.Vendor("anthropic").OnThreat);
        Assert.Equal("0.5", inputs[0].Text(0.5));
        Assert.Equal("concede", inputs[2].Text(0.6));
    }

    [Fact]
    public void An_output_that_varies_only_in_its_last_bits_is_explained_by_nothing()
    {
        var inputs = new DesignInput[] { new DesignInput.Range("a", 0, 1, false), new DesignInput.Range("b", 0, 1, false) };
        var points = Design.Points(DesignKind.Lhs, 2, 100, seed: 2).Select(p => inputs.Select((input, i) => input.Number(p[i])).ToArray()).ToList();
        // 0.67 reached by different sums: equal to the eye, different in the last bit.
        var y = points.Select((p, i) => i % 2 == 0 ? 0.1 + 0.57 : 0.67).ToList();
        var saltelli = Design.Points(DesignKind.Sobol, 2, 16, seed: 1).Select((_, i) => i % 3 == 0 ? 0.1 + 0.57 : 0.67).ToList();

        Assert.All(Sensitivity.CorrelationRatios(inputs, points, y), s => Assert.Equal(0, s.First));
        Assert.All(Sensitivity.Sobol(["a", "b"], saltelli, 16), s => Assert.Equal((0.0, 0.0), (s.First, s.Total!.Value)));
    }
}
