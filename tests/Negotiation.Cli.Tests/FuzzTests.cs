using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Negotiation.Persistence;

namespace Negotiation.Cli.Tests;

/// <summary>
/// A seeded, bounded fuzzer over the two kinds of file a user hands the program: scenario files and event
/// files, each mutated a few ways at once from a real one. Whatever comes in, the program answers with exit 0
/// or 2 (1 only where `verify` finds a difference), every line of an error is one problem in the documented
/// form, there is never a stack trace, nothing is written on exit 2, and no case takes long.
/// </summary>
public partial class FuzzTests
{
    public const int Seed = 20261127;
    private const int Cases = 150;

    private static readonly string[] Tokens =
    [
        "-1", "0", "1", "2147483648", "1e308", "-1e308", ".nan", "", "~", "null", "[", "]", "{", "{a: b}", "[1, 2]",
        "\"\\0\"", "yes", "no", "true", "é", "💥", "&anchor x", "*alias", "!tag x", "'unterminated", "\"a\\tb\"", "- x", "x: y: z",
        new string('[', 200) + new string(']', 200), new string('a', 5000),
        // Issue 23's generators: alias cycles, control characters a terminal obeys, bidirectional overrides,
        // texts past the limit, uncertain words and numbers.
        "&c [*c]", "&d {k: *d}", "\"\\e[2J\"", "\"\\e]52;c;aGk=\\a\"", "\"\\u202Edesrever\"", "\"\\x07\"", "\"\\uD800\"",
        new string('b', 25_000), "{ one_of: [hold, concede] }", "{ one_of: [] }", "{ between: [0.1, 0.9] }", "{ between: [2, 1] }",
    ];

    // A few lines of nested aliases that stand for a million nodes (issue 23: such a file took minutes).
    private static readonly string AliasBomb = "bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]\n" +
        string.Concat(Enumerable.Range(1, 6).Select(i => $"bomb{i}: &b{i} [{string.Join(", ", Enumerable.Repeat($"*b{i - 1}", 10))}]\n"));

    private static readonly string[] Files = Directory.GetFiles(Path.Combine(Cli.Repo, "scenarios"), "*.yaml").Order().ToArray();

    [GeneratedRegex(@"^(\S.*:\d+:\d+: error: .+|negotiate: .+|--[a-z-]+.*: .+|`.+`.*)$")]
    private static partial Regex ProblemLine();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Judge(Cli.Result result, string what, TimeSpan took, params int[] allowed)
    {
        Assert.True(allowed.Contains(result.ExitCode), $"{what}: exit {result.ExitCode}\n{result.Err}");
        Assert.DoesNotContain("   at ", result.Err);
        Assert.DoesNotContain("Exception", result.Err);
        if (result.ExitCode == 2)
            Assert.All(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Matches(ProblemLine(), l));
        // Generous, to catch a hang: the slowest case measured here is in docs/reliability.md.
        Assert.True(took < TimeSpan.FromSeconds(20), $"{what}: took {took.TotalSeconds:0.0} s");
    }

    private static string MutateYaml(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        for (var m = random.Next(1, 4); m > 0 && lines.Count > 1; m--)
        {
            var i = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0: lines.RemoveAt(i); break;
                case 1: lines.Insert(i, lines[random.Next(lines.Count)]); break;
                case 2:
                    var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                    if (colon > 0) lines[i] = lines[i][..(colon + 2)] + Tokens[random.Next(Tokens.Length)];
                    break;
                case 3: (lines[i], lines[^1]) = (lines[^1], lines[i]); break;
                case 4: lines[i] = (random.Next(2) == 0 ? "  " : "") + lines[i].TrimStart()[..Math.Min(lines[i].TrimStart().Length, random.Next(1, 40))]; break;
                case 5: lines[i] += " " + Tokens[random.Next(Tokens.Length)]; break;
                case 6 when random.Next(4) == 0: lines.Add(AliasBomb); break;
                default:
                    var numbers = Regex.Matches(lines[i], @"-?\d+(\.\d+)?");
                    if (numbers.Count > 0)
                    {
                        var n = numbers[random.Next(numbers.Count)];
                        lines[i] = lines[i][..n.Index] + Tokens[random.Next(5)] + lines[i][(n.Index + n.Length)..];
                    }
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    [Fact]
    public async Task Mutated_scenario_files_are_run_or_refused_line_by_line_and_refused_ones_store_nothing()
    {
        var random = new Random(Seed);
        var slowest = TimeSpan.Zero;
        for (var c = 0; c < Cases; c++)
        {
            var source = Files[random.Next(Files.Length)];
            var file = Cli.TempFile($"fuzz-{c}.yaml");
            await File.WriteAllTextAsync(file, MutateYaml(await File.ReadAllTextAsync(source, Ct), random), Ct);
            var events = Path.ChangeExtension(file, ".jsonl");

            var watch = Stopwatch.StartNew();
            var validate = await Cli.RunAsync("validate", file);
            var run = await Cli.RunAsync("run", file, "--in-memory", "--json", "--out", events);
            watch.Stop();
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;

            Judge(validate, $"case {c} (validate, from {Path.GetFileName(source)})", watch.Elapsed, 0, 2);
            Judge(run, $"case {c} (run, from {Path.GetFileName(source)})", watch.Elapsed, 0, 2);
            Assert.Equal(validate.ExitCode, run.ExitCode);
            Assert.Equal(run.ExitCode == 0, File.Exists(events));
            if (run.ExitCode == 0) Testing.Invariants.Check(EventFile.Read(events).Select(e => e.Event).ToList());
        }
        TestContext.Current.SendDiagnosticMessage($"fuzz: {Cases} scenario cases, slowest {slowest.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Mutated_event_files_are_replayed_verified_and_forked_or_refused_line_by_line()
    {
        var random = new Random(Seed + 1);
        var originals = new List<string[]>();
        foreach (var file in Files.Take(4)) originals.Add(await File.ReadAllLinesAsync(await Cli.RunToFileAsync(file), Ct));
        JsonNode?[] values = [null, 0, -1, 2147483647, 1e308, "", "ghost", "💥", new JsonArray(), new JsonObject(), true, "\u0000"];
        var slowest = TimeSpan.Zero;
        for (var c = 0; c < Cases; c++)
        {
            var lines = originals[random.Next(originals.Count)].ToList();
            for (var m = random.Next(1, 3); m > 0; m--)
            {
                var i = random.Next(lines.Count);
                switch (random.Next(5))
                {
                    case 0 when lines.Count > 2: lines.RemoveAt(i); break;
                    case 1: (lines[i], lines[random.Next(lines.Count)]) = (lines[random.Next(lines.Count)], lines[i]); break;
                    case 2: lines[i] = lines[i][..random.Next(lines[i].Length)]; break;
                    default:
                        JsonNode node;
                        try
                        {
                            node = JsonNode.Parse(lines[i])!;
                        }
                        catch (System.Text.Json.JsonException)
                        {
                            break; // an earlier mutation cut this line
                        }
                        var target = node["data"] as JsonObject ?? (JsonObject)node;
                        for (var depth = 0; depth < 3 && target.Count > 0 && random.Next(2) == 0; depth++)
                            if (target.ElementAt(random.Next(target.Count)).Value is JsonObject inner) target = inner;
                        if (target.Count > 0)
                        {
                            var key = target.ElementAt(random.Next(target.Count)).Key;
                            if (random.Next(4) == 0) target.Remove(key);
                            else target[key] = values[random.Next(values.Length)]?.DeepClone();
                        }
                        lines[i] = node.ToJsonString();
                        break;
                }
            }
            var file = Cli.TempFile($"fuzz-{c}.jsonl");
            await File.WriteAllLinesAsync(file, lines, Ct);

            var watch = Stopwatch.StartNew();
            var replay = await Cli.RunAsync("replay", file, "--json");
            var verify = await Cli.RunAsync("verify", file);
            var forked = Cli.TempFile($"fork-{c}.jsonl");
            var fork = await Cli.RunAsync("fork", file, "--at-round", "1", "--in-memory", "--out", forked);
            watch.Stop();
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;

            Judge(replay, $"case {c} (replay)", watch.Elapsed, 0, 2);
            Judge(verify, $"case {c} (verify)", watch.Elapsed, 0, 1, 2);
            Judge(fork, $"case {c} (fork)", watch.Elapsed, 0, 2);
            Assert.Equal(fork.ExitCode == 0, File.Exists(forked));
            if (replay.ExitCode == 2) Assert.Equal(2, verify.ExitCode);
        }
        TestContext.Current.SendDiagnosticMessage($"fuzz: {Cases} event-file cases, slowest {slowest.TotalMilliseconds:0} ms");
    }
}
