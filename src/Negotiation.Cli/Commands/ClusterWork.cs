using Negotiation.Actors.ScaleOut;
using Negotiation.Core.Storage;

namespace Negotiation.Cli.Commands;

/// <summary>
/// What a worker node plays (issue 21): the chunks of a <see cref="SweepJob"/>, on every core, their new runs
/// stored where the job says (or in the node's own database).
/// </summary>
internal sealed class ClusterWork(string? ownDb) : ISweepWork
{
    public async Task<ISweepPart> OpenAsync(string job, CancellationToken ct)
    {
        var sweep = SweepJob.FromJson(job);
        var setup = sweep.Setup();
        // A sweep without a database stores nothing, wherever it is played.
        var stores = sweep.Db is null ? null : await Stores.OpenAsync(ownDb ?? sweep.Db, ct);
        return new Part(new SweepChunks(setup, sweep.SweepId, sweep.Analyse, stores?.Store), stores);
    }

    private sealed class Part(SweepChunks chunks, Stores? stores) : ISweepPart
    {
        public async Task<byte[]> PlayAsync(long start, int count, bool mayBeStored, CancellationToken ct)
        {
            // A chunk may be played on two nodes at once (one thought lost, still playing): whichever stores second
            // finds its runs stored, reads them back, and stores nothing.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return SweepJob.Results(await chunks.PlayAsync(start, count, Environment.ProcessorCount, mayBeStored || attempt > 0 ? null : new HashSet<string>(), ct));
                }
                catch (StreamConcurrencyException) when (attempt < 2)
                {
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (stores is not null) await stores.DisposeAsync();
        }
    }
}
