using System.Diagnostics;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Benchmarks;

/// <summary>
/// Issue 24's engine figures, in process and in the core (what a sweep in memory runs for each negotiation): cost
/// per round against the number of terms and of rounds, with and without an uncertain weight per party, allocation
/// per run, and the scaling from one core to all. Each figure is a median of repeated timings; nothing here asserts.
/// </summary>
internal static class EngineFigures
{
    public static IEnumerable<(string Figure, string Target, string Measured)> Run(string bilateralFile, string threeFile)
    {
        var bench = Scenarios.ScenarioLoader.Load(bilateralFile).Scenario!;
        var (perRun, bytes, _) = Measure(bench, 2_000);
        yield return ("bilateral 10 x 5 on the bench file, one thread, negotiations/s", "10,000 on 2 cores", $"{1e6 / perRun:N0} ({perRun:N0} µs a negotiation)");
        yield return ("allocated per bilateral 10 x 5 negotiation", "under 30 KB", $"{bytes / 1024.0:N1} KB");

        var three = Scenarios.ScenarioLoader.Load(threeFile).Scenario!;
        var (threePerRun, threeBytes, _) = Measure(three, 1_000);
        yield return ("three vendors on the bench domain, one thread, runs/s", "2,000 on 2 cores", $"{1e6 / threePerRun:N0} ({threePerRun:N0} µs a run, {threeBytes / 1024.0:N1} KB)");

        var random = Enumerable.Range(0, 10).Select(i => Bilateral(10, 5, 30, 100 + i)).ToList();
        var (randomPerRun, _, _) = Measure(random, 1_000);
        yield return ("bilateral on 10 random 10 x 5 domains, one thread, negotiations/s", "", $"{1e6 / randomPerRun:N0}");
        var randomAll = Enumerable.Range(0, 3).Select(i => Throughput(random, 6_000, Environment.ProcessorCount, 50_000 + i * 6_000).Rate).Order().ElementAt(1);
        yield return ($"the same on {Environment.ProcessorCount} cores (median of 3), negotiations/s", "5,000 on 2 cores", $"{randomAll:N0}");

        // Per round, as the number of terms grows: the offer search's cliff past 10 terms (issue 24) shows here. 10 and
        // 20 terms are timed in turn, five pairs, and their ratio is the median pair's: timed one after the other, a
        // change in this VM's speed between them moved the ratio from 2.6x to 5.0x (2026-11-30).
        // The domains above filled the shared halves' large part (Halves.LargeBytes); a sweep of these domains, a process
        // of its own, would start empty.
        Halves.Forget();
        var perRound = new Dictionary<int, double>();
        List<Scenario> Domains(int terms) => Enumerable.Range(0, 4).Select(i => Bilateral(terms, 5, 30, 200 + i)).ToList();
        var (ten, twenty) = (Domains(10), Domains(20));
        (double Ten, double Twenty) Pair() => (Measure(ten, 400).MicrosPerRound, Measure(twenty, 200).MicrosPerRound);
        var tenAndTwenty = Enumerable.Range(0, 5).Select(_ => Pair()).OrderBy(p => p.Twenty / p.Ten).ToList();
        (perRound[10], perRound[20]) = tenAndTwenty[2];
        foreach (var terms in new[] { 5, 15 }) perRound[terms] = Measure(Domains(terms), terms <= 10 ? 400 : 200).MicrosPerRound;
        foreach (var terms in new[] { 5, 10, 15, 20 })
            yield return ($"µs a round, {terms} terms of 5 options, bilateral", terms == 20 ? "within 4x of 10 terms" : "", $"{perRound[terms]:N1}");
        yield return ("20 terms against 10 terms, per round (median of 5 pairs timed in turn; least and most)", "at most 4x",
            $"{perRound[20] / perRound[10]:N1}x; {tenAndTwenty[0].Twenty / tenAndTwenty[0].Ten:N1}x and {tenAndTwenty[^1].Twenty / tenAndTwenty[^1].Ten:N1}x");
        foreach (var row in BlockQuality()) yield return row;

        foreach (var rounds in new[] { 30, 100, 300 })
        {
            var scenarios = Enumerable.Range(0, 4).Select(i => Bilateral(10, 5, rounds, 300 + i)).ToList();
            var (run, _, round) = Measure(scenarios, 200);
            yield return ($"{rounds} rounds, 10 x 5, µs a run (a round)", "", $"{run:N0} ({round:N1})");
        }

        // An uncertain weight per party: each seed draws its own preferences.
        var uncertain = bench with
        {
            Uncertain = [new UncertainNumber("agency.preferences.t0.weight", 0.5, 1.5, false), new UncertainNumber("vendors.seller.preferences.t0.weight", 0.5, 1.5, false)],
        };
        var (uncertainPerRun, uncertainBytes, _) = Measure(uncertain, 500);
        yield return ("the bench file with an uncertain weight per party, µs a negotiation", "within 1.5x of without", $"{uncertainPerRun:N0} ({uncertainPerRun / perRun:N1}x)");
        yield return ("allocated per negotiation with an uncertain weight per party", "", $"{uncertainBytes / 1024.0:N1} KB");

        // From one core to all: the same negotiations shared by Parallel.For, one core and all in turn (this VM's speed
        // changes from minute to minute), nine pairs: the median ratio and the middle half of them; beside it the
        // process's CPU a negotiation each way (the middle pair's). In the same pairs, the same for three references: two
        // that only read memory (CacheWalk), a table of 160 KB, well inside a core's cache here, and one of 640 KB, past
        // half of it; and one that reads none and keeps the arithmetic units busy (ArithmeticLoop).
        var (walk160, walk640) = (new CacheWalk(160 << 10, 1), new CacheWalk(640 << 10, 2));
        var references = new (string Name, Func<int, int> Item)[]
        {
            ($"a walk through {walk160.Bytes >> 10} KB", i => walk160.Walk(i, 20_000)),
            ($"a walk through {walk640.Bytes >> 10} KB", i => walk640.Walk(i, 20_000)),
            ("arithmetic only (no memory)", i => ArithmeticLoop.Run(i, 20_000)),
        };
        Throughput(bench, 4_000, Environment.ProcessorCount);
        foreach (var reference in references) Throughput(reference.Item, 1_000, Environment.ProcessorCount);
        var pairs = Enumerable.Range(0, 9).Select(_ => (
                One: Throughput(bench, 6_000, 1), All: Throughput(bench, 6_000, Environment.ProcessorCount),
                Walks: references.Select(r => (One: Throughput(r.Item, 3_000, 1), All: Throughput(r.Item, 3_000, Environment.ProcessorCount))).ToArray()))
            .ToList();
        static double Median(IEnumerable<double> values) => values.Order().ElementAt(4);
        var byRatio = pairs.OrderBy(p => p.All.Rate / p.One.Rate).ToList();
        var (one, all) = (byRatio[4].One, byRatio[4].All);
        yield return ($"{Environment.ProcessorCount} cores against 1, bench file (median of 9 interleaved pairs; middle half)", "at least 1.8x on 2 cores",
            $"{all.Rate / one.Rate:N2}x ({one.Rate:N0}/s to {all.Rate:N0}/s); {byRatio[2].All.Rate / byRatio[2].One.Rate:N2}x to {byRatio[6].All.Rate / byRatio[6].One.Rate:N2}x");
        yield return ($"CPU a negotiation, 1 core and {Environment.ProcessorCount}, the median pair (the process's, collector included)", "",
            $"{one.CpuMicros:N0} µs and {all.CpuMicros:N0} µs");
        for (var w = 0; w < references.Length; w++)
        {
            var ratios = pairs.Select(p => p.Walks[w].All.Rate / p.Walks[w].One.Rate).ToList();
            yield return ($"the same pairs: {references[w].Name}, {Environment.ProcessorCount} cores against 1 (median; least and most)", "machine reference",
                $"{Median(ratios):N2}x; {ratios.Min():N2}x and {ratios.Max():N2}x; one core {Median(pairs.Select(p => p.Walks[w].One.Rate)):N0} loops/s");
        }
        // The pairs in which the 640 KB walk ran fastest on one core, against the others: does the engine scale less
        // when the machine gives one core's memory reads more?
        var fast = pairs.OrderByDescending(p => p.Walks[1].One.Rate).ToList();
        static string Ratios(IEnumerable<((double Rate, double CpuMicros) One, (double Rate, double CpuMicros) All)> pairs) =>
            string.Join(", ", pairs.Select(p => $"{p.All.Rate / p.One.Rate:N2}x"));
        yield return ("engine against walk: the engine's ratio in the 3 pairs where the 640 KB walk ran fastest on one core; in the 3 slowest", "",
            $"{Ratios(fast.Take(3).Select(p => (p.One, p.All)))}; {Ratios(fast.TakeLast(3).Select(p => (p.One, p.All)))} (walk: {Ratios(fast.Take(3).Select(p => p.Walks[1]))}; {Ratios(fast.TakeLast(3).Select(p => p.Walks[1]))})");
    }

    /// <summary>
    /// The block search (spaces too large for the halves) against the exact search where both can run (12 and 14
    /// terms of 5 options, the block search forced), and against the branch and bound it replaced at 20 terms, whose
    /// node budget ran out on almost every search: random three-decimal domains, targets and references.
    /// </summary>
    private static IEnumerable<(string Figure, string Target, string Measured)> BlockQuality()
    {
        foreach (var terms in new[] { 12, 14 })
        {
            var (same, excess, worst, searches) = (0, 0.0, 0.0, 0);
            foreach (var (space, target, wanted) in Searches(terms, 200, 900 + terms))
            {
                var exact = new int[terms];
                if (!MeetInTheMiddle.Find(space, Halves.Balanced(space), target, wanted, exact)) continue;
                var blocks = new int[terms];
                Blocks.For(space).Find(space, target, wanted, blocks);
                searches++;
                if (blocks.SequenceEqual(exact)) same++;
                var above = Worth(space, blocks) - Worth(space, exact);
                (excess, worst) = (excess + above, Math.Max(worst, above));
            }
            yield return ($"block search against the exact one, {terms} terms of 5 options, {searches} searches", "",
                $"same offer {100.0 * same / searches:N0} %; worth above the exact least {excess / searches:0.######} on average, {worst:0.######} at most");
        }

        var (closer, tied, further, total) = (0, 0, 0, 0);
        foreach (var (space, target, wanted) in Searches(20, 100, 1020))
        {
            var blocks = new int[20];
            Blocks.For(space).Find(space, target, wanted, blocks);
            var branching = BranchAndBound.Find(space, target, wanted, 0);
            total++;
            if (branching is null) { closer++; continue; }
            var (b, old) = (Worth(space, blocks), Worth(space, branching));
            if (Math.Abs(b - old) <= OfferSearch.Epsilon) tied++;
            else if (b < old) closer++;
            else further++;
        }
        yield return ("block search against the branch and bound it replaced, 20 terms of 5 options: closer above the target, the same, further", "",
            $"{closer} / {tied} / {further} of {total}");
    }

    private static IEnumerable<(OpenTerms Space, double Target, int[]? Wanted)> Searches(int terms, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var weights = Enumerable.Range(0, terms).Select(_ => Math.Round(0.5 + random.NextDouble(), 3)).ToArray();
            var weighted = weights.Select(w => Enumerable.Range(0, 5).Select(_ => w / weights.Sum() * Math.Round(random.NextDouble(), 3)).ToArray()).ToArray();
            var space = OpenTerms.Of(weighted, weighted.Select(_ => Enumerable.Range(0, 5).ToArray()).ToArray(), Enumerable.Range(0, terms).ToList());
            var max = space.Values.Sum(v => v[^1]);
            int[]? wanted = random.Next(4) == 0 ? null : [.. space.Options.Select(o => o[random.Next(o.Length)])];
            yield return (space, max * (0.3 + 0.7 * random.NextDouble()), wanted);
        }
    }

    private static double Worth(OpenTerms space, int[] picks)
    {
        var worth = 0.0;
        for (var p = 0; p < picks.Length; p++) worth += space.Values[p][picks[p]];
        return worth;
    }

    /// <summary>A bilateral negotiation on a random domain: Boulware buyer, Conceder seller, values to three decimals.</summary>
    public static Scenario Bilateral(int terms, int options, int rounds, int seed)
    {
        var random = new Random(seed);
        var defined = Enumerable.Range(0, terms)
            .Select(k => new TermDefinition($"t{k}", null, Enumerable.Range(0, options).Select(o => $"o{o}").ToList())).ToList();
        Dictionary<string, Preference> Preferences() => defined.ToDictionary(t => t.Id, t => new Preference(
            Math.Round(0.5 + random.NextDouble(), 3), t.Options.ToDictionary(o => o, _ => Math.Round(random.NextDouble(), 3))));
        var agency = new AgencySpec("buyer", "Buyer", Preferences(), [], 0.3, new StrategySpec(StrategyKind.Boulware), SameTermsPolicy.Never, []);
        var vendor = new VendorSpec("seller", "Seller", Preferences(), [], 0.3, new StrategySpec(StrategyKind.Conceder),
            ThreatRule.Hold, DesignationRule.Accept, false, []);
        return new Scenario($"random-{terms}x{options}", null, null, seed, rounds, defined, agency, [vendor], null, [], []);
    }

    private static (double MicrosPerRun, double BytesPerRun, double MicrosPerRound) Measure(Scenario scenario, int runs) => Measure([scenario], runs);

    // Median of five timings of `runs` runs (cycling over the scenarios), after a warm-up. Every timing plays seeds of
    // its own: a seed played twice draws the same uncertain preferences, and would find what their first run prepared.
    private static (double MicrosPerRun, double BytesPerRun, double MicrosPerRound) Measure(IReadOnlyList<Scenario> scenarios, int runs)
    {
        Play(scenarios, Math.Max(1, runs / 10), firstSeed: 5 * runs + 1);
        var samples = new List<(double Run, double Bytes, double Round)>();
        for (var i = 0; i < 5; i++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var rounds = Play(scenarios, runs, firstSeed: i * runs + 1);
            var micros = clock.Elapsed.TotalMicroseconds;
            samples.Add((micros / runs, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)runs, micros / rounds));
        }
        samples.Sort((a, b) => a.Run.CompareTo(b.Run));
        return samples[2];
    }

    private static long Play(IReadOnlyList<Scenario> scenarios, int runs, int firstSeed)
    {
        long rounds = 0;
        for (var i = 0; i < runs; i++)
        {
            var events = Simulation.Run(scenarios[i % scenarios.Count], firstSeed + i);
            for (var e = 0; e < events.Count; e++)
                if (events[e] is RoundStarted) rounds++;
        }
        return rounds;
    }

    private static (double Rate, double CpuMicros) Throughput(Scenario scenario, int runs, int workers) => Throughput([scenario], runs, workers, 1);

    // A reference's loops, shared the same way as negotiations.
    private static (double Rate, double CpuMicros) Throughput(Func<int, int> loop, int loops, int workers)
    {
        var ends = 0L;
        var timed = Throughput(loops, workers, i => Interlocked.Add(ref ends, loop(i)));
        GC.KeepAlive(ends);
        return timed;
    }

    private static (double Rate, double CpuMicros) Throughput(IReadOnlyList<Scenario> scenarios, int runs, int workers, int firstSeed) =>
        Throughput(runs, workers, i => Simulation.Run(scenarios[i % scenarios.Count], firstSeed + i));

    // `count` items shared by Parallel.For among `workers`: items a second, and the process's CPU an item.
    private static (double Rate, double CpuMicros) Throughput(int count, int workers, Action<int> item)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, item);
        var rate = count / clock.Elapsed.TotalSeconds;
        return (rate, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count);
    }
}
