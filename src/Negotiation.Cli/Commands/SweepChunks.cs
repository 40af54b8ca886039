using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Reports;
using Negotiation.Core.Storage;

namespace Negotiation.Cli.Commands;

/// <summary>
/// Plays a sweep's runs a chunk at a time on every core: on one machine, or on each worker node of a cluster
/// (issue 21). Runs are played by the core alone and reduced at once to their results; with a store, a chunk's new
/// runs reach it in one round trip, and a run an earlier attempt stored is read back (finished if it was left
/// unfinished), never played and stored twice.
/// </summary>
/// <param name="playing">held by a chunk while it plays on every core, so that chunks in flight at once play one after the other and only their storing overlaps another's playing</param>
internal sealed class SweepChunks(SweepSetup setup, string sweepId, bool analyse, IEventStore? store, SemaphoreSlim? playing = null)
{
    public const int Size = 256;

    public SweepPosition[] Positions(long start, int count)
    {
        var positions = new SweepPosition[count];
        for (var i = 0; i < count; i++) positions[i] = setup.Plan.Position(start + i, setup.Seeds);
        return positions;
    }

    /// <param name="stored">which of the chunk's runs an earlier attempt may have stored: null when any may (a node was lost), else those listed</param>
    public async Task<SweepRunResult[]> PlayAsync(long start, int count, int workers, IReadOnlySet<string>? stored, CancellationToken ct)
    {
        var positions = Positions(start, count);
        var scenarios = positions.Select(p => (p.Cell, p.Point)).Distinct().ToDictionary(p => p, p => setup.Plan.Scenario(p.Cell, p.Point));
        var results = new SweepRunResult[count];
        var fresh = new (string RunId, IReadOnlyList<RunEvent> Events)?[count];
        var ids = positions.Select(p => p.RunId(sweepId)).ToList();
        var kept = await StoredAsync(store, stored is null ? ids : ids.Where(stored.Contains).ToList(), ct);
        if (playing is not null) await playing.WaitAsync(ct);
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, async (i, token) =>
            {
                var at = positions[i];
                var (events, isNew) = await PlayAsync(kept.GetValueOrDefault(ids[i]), ids[i], scenarios[(at.Cell, at.Point)], at.Seed, token);
                if (isNew) fresh[i] = (ids[i], events);
                results[i] = SweepRunResult.From(at.Cell, at.Seed, events, analyse);
            });
        }
        finally
        {
            playing?.Release();
        }
        // New runs reach the database together, a chunk in one round trip; a run another node stored meanwhile
        // makes the whole chunk's append fail, and nothing of it is stored twice.
        if (store is not null) await store.AppendNewRunsAsync(fresh.OfType<(string, IReadOnlyList<RunEvent>)>().ToList(), ct);
        return results;
    }

    /// <summary>The events of a chunk's runs an earlier attempt stored (none listed for a run it did not), read in one round trip where the store can.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<RunEvent>>> StoredAsync(IEventStore? store, IReadOnlyList<string> runIds, CancellationToken ct)
    {
        var stored = new Dictionary<string, IReadOnlyList<RunEvent>>();
        if (store is null || runIds.Count == 0) return stored;
        var runs = await store.ReadRunsAsync(runIds, ct);
        for (var i = 0; i < runIds.Count; i++)
            if (runs[i].Count > 0) stored[runIds[i]] = runs[i].Select(e => e.Event).ToList();
        return stored;
    }

    /// <summary>
    /// A run played by the core. With a store: kept as it is when an earlier attempt concluded it, finished when
    /// it left it unfinished, else played and returned as new, for the caller to store with its chunk.
    /// </summary>
    private async Task<(IReadOnlyList<RunEvent> Events, bool New)> PlayAsync(IReadOnlyList<RunEvent>? kept, string runId, Core.Model.Scenario scenario, int seed, CancellationToken ct)
    {
        if (store is null) return (Simulation.Run(scenario, seed), false);
        if (kept is null) return (Simulation.Run(scenario, seed), true);
        if (kept[^1] is RunConcluded) return (kept, false);
        // An interrupted run of an earlier attempt: finished from where it stopped, as `resume` would.
        var rest = Simulation.Continue(Evolution.Fold(kept));
        await store.AppendAsync(runId, kept.Count, rest, ct);
        return ([.. kept, .. rest], false);
    }
}
