using System.Collections.Concurrent;
using System.Text;
using Negotiation.Actors.ScaleOut;
using Negotiation.Testing;

namespace Negotiation.Actors.Tests;

/// <summary>
/// Issue 21, the share-out alone: three members of a real cluster in this process on loopback (two workers and a
/// sweep), the work a stand-in that answers with what it was asked. Every member is stopped at the end.
/// </summary>
public sealed class SweepShareOutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_that_leaves_holding_chunks_has_them_played_by_another_marked_as_maybe_stored_and_each_answered_once()
    {
        var (seedPort, otherPort) = (Ports.Free(), Ports.Free());
        var seeds = $"127.0.0.1:{seedPort}";
        var steady = new Work(stuck: false);
        var stuck = new Work(stuck: true);
        await using var seed = await ClusterNodes.StartWorkerAsync(Settings(seeds, seedPort), steady, _ => { }, Ct);
        await seed.UpAsync(Ct);
        var leaving = await ClusterNodes.StartWorkerAsync(Settings(seeds, otherPort), stuck, _ => { }, Ct);
        try
        {
            await leaving.UpAsync(Ct);
            var notices = new ConcurrentQueue<string>();
            await using var sweep = await ClusterSweep.StartAsync(Settings(seeds, 0), "share", "the job", resumed: false, notices.Enqueue, Ct);

            var answers = Enumerable.Range(0, 12).Select(i => sweep.PlayAsync(i, i * 256L, 256, Ct)).ToList();
            var held = await stuck.Holding.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);
            await leaving.DisposeAsync();
            var results = await Task.WhenAll(answers).WaitAsync(TimeSpan.FromMinutes(2), Ct);

            Assert.Equal(Enumerable.Range(0, 12).Select(i => $"{i * 256}+256"), results.Select(r => Encoding.UTF8.GetString(r)));
            Assert.Equal(["the job"], steady.Jobs);
            // The chunk the leaving worker held was played by the other, told that it may have stored some of it.
            Assert.True(steady.Played.TryGetValue(held, out var mayBeStored), string.Join('\n', notices));
            Assert.True(mayBeStored);
            Assert.All(steady.Played.Where(p => !stuck.Started.Contains(p.Key)), p => Assert.False(p.Value));
        }
        finally
        {
            await leaving.DisposeAsync();
        }
    }

    private static ClusterSettings Settings(string seeds, int port)
    {
        var settings = ClusterSettings.Parse(seeds, null, port, out var problem);
        Assert.Null(problem);
        return settings;
    }

    /// <summary>Answers a chunk with its start and count; a stuck one never answers, and says which chunk it first holds.</summary>
    private sealed class Work(bool stuck) : ISweepWork
    {
        public bool Stuck { get; } = stuck;
        public ConcurrentBag<string> Jobs { get; } = [];
        public ConcurrentDictionary<long, bool> Played { get; } = [];
        public ConcurrentBag<long> Started { get; } = [];
        public TaskCompletionSource<long> Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ISweepPart> OpenAsync(string job, CancellationToken ct)
        {
            Jobs.Add(job);
            return Task.FromResult<ISweepPart>(new Part(this));
        }

        private sealed class Part(Work work) : ISweepPart
        {
            public async Task<byte[]> PlayAsync(long start, int count, bool mayBeStored, CancellationToken ct)
            {
                work.Started.Add(start / 256);
                if (work.Stuck)
                {
                    work.Holding.TrySetResult(start / 256);
                    await Task.Delay(Timeout.Infinite, ct);
                }
                work.Played[start / 256] = mayBeStored;
                return Encoding.UTF8.GetBytes($"{start}+{count}");
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
