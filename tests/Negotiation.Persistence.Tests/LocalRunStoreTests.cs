using System.Text;
using Negotiation.Core.Engine;
using Negotiation.Core.Storage;
using Negotiation.Testing;

namespace Negotiation.Persistence.Tests;

public sealed class LocalRunStoreTests : EventStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("negotiation-runs-").FullName;
    private readonly LocalRunStore _shared;

    public LocalRunStoreTests() => _shared = new LocalRunStore(Path.Combine(_root, "shared"));

    protected override Task<IEventStore> FreshStoreAsync() => Task.FromResult<IEventStore>(new LocalRunStore(Path.Combine(_root, Guid.NewGuid().ToString("N"))));

    protected override Task<IEventStore> SharedStoreAsync() => Task.FromResult<IEventStore>(_shared);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Issue 23: a run's file holds every party's private numbers; it was readable by everyone on the machine (0644).</summary>
    [Fact]
    public async Task A_run_and_its_folder_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var store = new LocalRunStore(Path.Combine(_root, "private"));
        await store.AppendAsync("secret", 0, Simulation.Run(Stories.WholeStory(), 7).Take(3).ToList(), Ct);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Folder, "secret.jsonl")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Folder));
    }

    [Fact]
    public async Task A_torn_last_line_from_a_crash_is_ignored_on_read_and_cut_on_the_next_append()
    {
        var story = Simulation.Run(Stories.WholeStory(), 7);
        await _shared.AppendAsync("torn", 0, story.Take(5).ToList(), Ct);
        var path = Path.Combine(_shared.Folder, "torn.jsonl");
        // A process killed in the middle of writing its next batch.
        await File.AppendAllTextAsync(path, "{\"seq\":6,\"type\":\"OfferMade\",\"da", Ct);

        Assert.Equal(5, (await _shared.ReadAsync("torn", null, Ct)).Count);
        Assert.Equal(7, await _shared.AppendAsync("torn", 5, story.Skip(5).Take(2).ToList(), Ct));

        var read = await _shared.ReadAsync("torn", null, Ct);
        Assert.Equal(story.Take(7).Select(e => EventJson(e)), read.Select(e => EventJson(e.Event)));
        Assert.Equal(7, (await File.ReadAllLinesAsync(path, Ct)).Length);
    }

    [Fact]
    public async Task A_damaged_line_in_the_middle_is_bad_data_naming_its_line()
    {
        var story = Simulation.Run(Stories.WholeStory(), 7);
        await _shared.AppendAsync("damaged", 0, story.Take(5).ToList(), Ct);
        var path = Path.Combine(_shared.Folder, "damaged.jsonl");
        var lines = await File.ReadAllLinesAsync(path, Ct);
        lines[2] = "{\"seq\":3,";
        await File.WriteAllLinesAsync(path, lines, Encoding.UTF8, Ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _shared.ReadAsync("damaged", null, Ct));
        Assert.Contains("damaged.jsonl:3:1: error:", error.Message);
    }

    [Fact]
    public async Task A_run_id_is_never_a_path()
    {
        var story = Simulation.Run(Stories.WholeStory(), 7);
        foreach (var id in new[] { "../escape", "a/b", "", ".hidden", "x\0y" })
            await Assert.ThrowsAsync<ArgumentException>(() => _shared.AppendAsync(id, 0, story, Ct));
        Assert.False(File.Exists(Path.Combine(_root, "escape.jsonl")));
    }

    [Fact]
    public async Task Two_processes_worth_of_writers_on_one_run_never_interleave_a_batch()
    {
        var story = Simulation.Run(Stories.WholeStory(), 7);
        await _shared.AppendAsync("race", 0, story.Take(2).ToList(), Ct);
        // Two stores on the same folder stand for two processes: the lock file and the version check between them.
        var other = new LocalRunStore(_shared.Folder);
        var tasks = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? _shared : other).AppendAsync("race", 2, story.Skip(2).Take(3).ToList(), Ct);
                return true;
            }
            catch (StreamConcurrencyException)
            {
                return false;
            }
        }, Ct)).ToList();

        Assert.Equal(1, (await Task.WhenAll(tasks)).Count(won => won));
        Assert.Equal(5, (await _shared.ReadAsync("race", null, Ct)).Count);
    }

    private static string EventJson(Core.Events.RunEvent e) => Core.Events.EventTypes.NameOf(e) + Core.Events.EventJson.Serialize(e);
}
