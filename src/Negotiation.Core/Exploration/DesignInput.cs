using System.Globalization;
using System.Text.Json.Serialization;
using Negotiation.Core.Engine;
using Negotiation.Core.Model;

namespace Negotiation.Core.Exploration;

/// <summary>
/// An uncertain input of a scenario a design places points over (cli.md 1.2): a range (format 1.1) or a
/// <c>one_of</c> (format 1.2), named by its path. A design point gives each input a coordinate in [0, 1), which
/// the input turns into its value as a run's seed would.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Range), "range")]
[JsonDerivedType(typeof(Words), "one_of")]
public abstract record DesignInput(string Path)
{
    /// <summary>A number drawn between its ends (integers with both ends included).</summary>
    public sealed record Range(string Path, double Low, double High, bool Integer) : DesignInput(Path);

    /// <summary>A word drawn among its options, each equally likely.</summary>
    public sealed record Words(string Path, IReadOnlyList<string> Options) : DesignInput(Path);

    /// <summary>Every range, then every <c>one_of</c>, in the order the file gives them.</summary>
    public static IReadOnlyList<DesignInput> Of(Scenario scenario) =>
    [
        .. (scenario.Uncertain ?? []).Select(u => (DesignInput)new Range(u.Path, u.Low, u.High, u.Integer)),
        .. (scenario.Choices ?? []).Select(c => (DesignInput)new Words(c.Path, c.Options)),
    ];

    /// <summary>The number a coordinate stands for; for words, the index of the option.</summary>
    public double Number(double u) => this switch
    {
        Range { Integer: true } r => Math.Min(r.High, Math.Floor(r.Low + u * (r.High - r.Low + 1))),
        Range r => r.Low + u * (r.High - r.Low),
        Words w => Math.Min(w.Options.Count - 1, Math.Floor(u * w.Options.Count)),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The value a coordinate stands for, as a table shows it.</summary>
    public string Text(double u) => this switch
    {
        Words w => w.Options[(int)Number(u)],
        _ => Number(u).ToString("0.######", CultureInfo.InvariantCulture),
    };

    /// <summary>The scenario with every input fixed at the point's coordinates: nothing is left for a seed to draw.</summary>
    public static Scenario Fix(Scenario scenario, IReadOnlyList<DesignInput> inputs, IReadOnlyList<double> point)
    {
        var numbers = new Dictionary<string, double>();
        var words = new Dictionary<string, string>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is Words w) words[w.Path] = w.Options[(int)w.Number(point[i])];
            else numbers[inputs[i].Path] = inputs[i].Number(point[i]);
        }
        return Uncertainty.Fix(scenario, numbers, words);
    }
}
