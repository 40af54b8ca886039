using Negotiation.Testing;
using Npgsql;

namespace Negotiation.Cli.Tests;

/// <summary>
/// Issue 21: a sweep shared by worker nodes of an Akka.NET cluster, each a real `negotiate` process on loopback,
/// storing in a real PostgreSQL; a worker killed (SIGKILL) while it holds chunks.
/// </summary>
public class ScaleOutTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Seeds = "1..3000";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_killed_mid_sweep_loses_nothing_the_table_is_the_one_machine_table_and_every_run_is_stored_once()
    {
        var scenario = Cli.Scenario("accept-compromise.yaml");
        const string sweepId = "cluster-kill";
        var (seedPort, doomedPort) = (Ports.Free(), Ports.Free());
        var seeds = $"127.0.0.1:{seedPort}";
        var none = new Dictionary<string, string?>();
        using var seed = new ClusterProcess("the seed worker", none, "node", "--seed-nodes", seeds, "--port", $"{seedPort}");
        await seed.WaitForAsync(": up, waiting for sweeps", Patience);
        using var doomed = new ClusterProcess("the worker to kill", none, "node", "--seed-nodes", seeds, "--port", $"{doomedPort}");
        await doomed.WaitForAsync(": up, waiting for sweeps", Patience);

        var clusterCsv = Cli.TempFile("cluster.csv");
        using var sweep = new ClusterProcess("the sweep", none, "sweep", scenario, "--seeds", Seeds, "--cluster", seeds,
            "--db", database.ConnectionString, "--id", sweepId, "--csv", clusterCsv, "--json");
        await doomed.WaitForAsync("taking part", Patience);
        // Killed once the sweep is storing runs: the worker holds chunks from its first pull to the sweep's last ones.
        while (await StoredAsync(database.ConnectionString, sweepId) == 0)
        {
            Assert.False(sweep.Text.Contains("negotiate:", StringComparison.Ordinal), sweep.Text);
            await Task.Delay(100, Ct);
        }
        doomed.Kill();
        // Seen unreachable first, as a rule; removed or stopped would hand its chunks on just the same.
        await sweep.WaitForAsync(new System.Text.RegularExpressions.Regex($@"127\.0\.0\.1:{doomedPort}: (is unreachable|left the cluster|stopped); its [1-9]\d* unfinished chunk\(s\) go to the others"), Patience);
        Assert.Equal(0, await sweep.ExitAsync(Patience));

        // The same sweep on one machine, into a database of its own: the same table and summary, byte for byte.
        var oneMachine = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("one-machine");
        var localCsv = Cli.TempFile("local.csv");
        var local = await Cli.RunAsync("sweep", scenario, "--seeds", Seeds, "--db", oneMachine, "--id", sweepId, "--csv", localCsv, "--json");
        Assert.Equal(0, local.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(localCsv, Ct), await File.ReadAllTextAsync(clusterCsv, Ct));
        Assert.Equal(local.Out, sweep.Output);

        // Every run once: as many streams as runs, each concluded once, its versions without a gap.
        var runs = await RunsAsync(database.ConnectionString, sweepId);
        Assert.Equal(3000, runs.Streams);
        Assert.Equal(3000, runs.Whole);
        foreach (var runId in new[] { $"{sweepId}-c0-s1", $"{sweepId}-c0-s777", $"{sweepId}-c0-s1500", $"{sweepId}-c0-s2999", $"{sweepId}-c0-s3000" })
            Assert.Equal(0, (await Cli.RunAsync("verify", runId, "--db", database.ConnectionString)).ExitCode);
    }

    [Fact]
    public async Task A_sweep_whose_coordinator_was_killed_is_taken_up_with_its_id_and_nothing_is_stored_twice()
    {
        var scenario = Cli.Scenario("accept-compromise.yaml");
        const string sweepId = "cluster-resume";
        var port = Ports.Free();
        var seeds = $"127.0.0.1:{port}";
        var none = new Dictionary<string, string?>();
        using var worker = new ClusterProcess("the worker", none, "node", "--seed-nodes", seeds, "--port", $"{port}");
        await worker.WaitForAsync(": up, waiting for sweeps", Patience);
        string[] args = ["sweep", scenario, "--seeds", Seeds, "--cluster", seeds, "--db", database.ConnectionString, "--id", sweepId, "--json"];

        using (var first = new ClusterProcess("the first attempt", none, args))
        {
            while (await StoredAsync(database.ConnectionString, sweepId) == 0)
            {
                Assert.False(first.Text.Contains("negotiate:", StringComparison.Ordinal), first.Text);
                await Task.Delay(100, Ct);
            }
            first.Kill();
        }
        var stored = await StoredAsync(database.ConnectionString, sweepId);
        Assert.InRange(stored, 1, 2999);

        // Taken up while the worker may still be storing what the dead coordinator gave it.
        using var again = new ClusterProcess("the second attempt", none, args);
        Assert.True(await again.ExitAsync(Patience) == 0, again.Text + "\n" + worker.Text);
        var local = await Cli.RunAsync("sweep", scenario, "--seeds", Seeds, "--json");
        Assert.Equal(Cli.Without(local.Out, "sweep"), Cli.Without(again.Output, "sweep"));
        var runs = await RunsAsync(database.ConnectionString, sweepId);
        Assert.Equal((3000, 3000), runs);
    }

    /// <summary>
    /// The compose file's `cluster` profile without a Docker engine: its seed, worker and sweep services started as
    /// written (entrypoint and environment), with the service name `seed` standing for loopback and each node on
    /// a port of its own (replicas differ by address in compose, by port here), against a real PostgreSQL.
    /// </summary>
    [Fact]
    public async Task The_compose_cluster_profile_gives_a_seed_and_a_worker_that_share_a_sweep_and_store_it()
    {
        var compose = new YamlDotNet.RepresentationModel.YamlStream();
        compose.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(Cli.Repo, "docker-compose.yml"), Ct)));
        var services = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)compose.Documents[0].RootNode)["services"];
        var (seedPort, workerPort) = (Ports.Free(), Ports.Free());

        (string[] Args, Dictionary<string, string?> Environment) Service(string name, int port)
        {
            var service = (YamlDotNet.RepresentationModel.YamlMappingNode)services[name];
            Assert.Contains("cluster", ((YamlDotNet.RepresentationModel.YamlSequenceNode)service["profiles"]).Select(p => p.ToString()));
            var entrypoint = ((YamlDotNet.RepresentationModel.YamlSequenceNode)service["entrypoint"]).Select(a => a.ToString()).ToList();
            Assert.Equal("./negotiate", entrypoint[0]);
            var environment = ((YamlDotNet.RepresentationModel.YamlMappingNode)service["environment"]).ToDictionary(
                kv => kv.Key.ToString(), kv => (string?)Loopback(kv.Value.ToString()));
            environment["NEGOTIATION_DB"] = database.ConnectionString;
            if (environment.ContainsKey("NEGOTIATION_CLUSTER_PORT")) environment["NEGOTIATION_CLUSTER_PORT"] = $"{port}";
            return ([.. entrypoint.Skip(1).Select(Loopback)], environment);
        }
        string Loopback(string value) => value.Replace("seed:4053", $"127.0.0.1:{seedPort}", StringComparison.Ordinal) is var v && v == "seed" ? "127.0.0.1" : v;

        var seedService = Service("seed", seedPort);
        using var seed = new ClusterProcess("the seed service", seedService.Environment, seedService.Args);
        await seed.WaitForAsync(": up, waiting for sweeps", Patience);
        var workerService = Service("worker", workerPort);
        using var worker = new ClusterProcess("the worker service", workerService.Environment, workerService.Args);
        await worker.WaitForAsync(": up, waiting for sweeps", Patience);
        var sweepService = Service("sweep", 0);
        using var sweep = new ClusterProcess("the sweep service", sweepService.Environment,
            [.. sweepService.Args, Cli.Scenario("the-whole-story.yaml"), "--seeds", "1..600", "--id", "compose", "--json"]);

        Assert.Equal(0, await sweep.ExitAsync(Patience));
        Assert.Contains("taking part", seed.Text);
        Assert.Contains("taking part", worker.Text);
        Assert.Equal((600, 600), await RunsAsync(database.ConnectionString, "compose"));
    }

    [Theory]
    [InlineData("--seed-nodes 127.0.0.1: expected HOST:PORT", "node", "--seed-nodes", "127.0.0.1", "--port", "4053")]
    [InlineData("--seed-nodes 127.0.0.1:99999: expected HOST:PORT", "node", "--seed-nodes", "127.0.0.1:99999")]
    [InlineData("--port 0: from 1 to 65535", "node", "--seed-nodes", "127.0.0.1:4053", "--port", "0")]
    [InlineData("--seed-nodes: give HOST:PORT", "node")]
    [InlineData("--cluster nowhere: expected HOST:PORT", "sweep", "scenarios/accept-compromise.yaml", "--cluster", "nowhere")]
    [InlineData("--jobs: a sweep on a cluster", "sweep", "scenarios/accept-compromise.yaml", "--cluster", "127.0.0.1:4053", "--jobs", "2")]
    public async Task A_cluster_address_or_option_that_cannot_be_used_exits_2_with_one_line(string says, params string[] args)
    {
        var result = await Cli.RunAsync([.. args.Select(a => a.StartsWith("scenarios/", StringComparison.Ordinal) ? Path.Combine(Cli.Repo, a) : a)]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(says, result.Err);
        Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_node_on_a_port_another_program_holds_exits_2_rather_than_share_it()
    {
        // On Linux .NET's address reuse is port reuse: without the check a second node would listen beside the first.
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

        var result = await Cli.RunAsync("node", "--seed-nodes", $"127.0.0.1:{port}", "--port", $"{port}");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--port {port}: in use on 127.0.0.1 (another node?); give another port", result.Err.TrimEnd());
    }

    private static async Task<long> StoredAsync(string connectionString, string sweepId) =>
        (await RunsAsync(connectionString, sweepId)).Streams;

    /// <summary>The sweep's streams in Marten's tables, and how many of them hold one whole run: one conclusion, versions 1 to n.</summary>
    private static async Task<(long Streams, long Whole)> RunsAsync(string connectionString, string sweepId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var exists = new NpgsqlCommand("select to_regclass('negotiation.mt_events') is not null", connection);
        if (await exists.ExecuteScalarAsync(Ct) is not true) return (0, 0);
        await using var query = new NpgsqlCommand("""
            select count(*), count(*) filter (where concluded = 1 and events = last)
            from (select stream_id, count(*) events, max(version) last, count(*) filter (where type = 'run_concluded') concluded
                  from negotiation.mt_events where stream_id like @prefix group by stream_id) runs
            """, connection);
        query.Parameters.AddWithValue("prefix", sweepId + "-c%");
        await using var reader = await query.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
