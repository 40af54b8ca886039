using System.CommandLine;
using Negotiation.Actors.ScaleOut;

namespace Negotiation.Cli.Commands;

/// <summary>
/// `negotiate node` (cli.md 1.2, *Scale-out*): a worker that joins an Akka.NET cluster and plays the chunks of every
/// sweep shared with it (`sweep --cluster`) until it is stopped. Options may come from the environment, so docker
/// compose and Kubernetes can set them: NEGOTIATION_SEED_NODES, NEGOTIATION_CLUSTER_HOST, NEGOTIATION_CLUSTER_PORT,
/// NEGOTIATION_DB.
/// </summary>
internal static class NodeCommand
{
    public const string SeedsVariable = "NEGOTIATION_SEED_NODES";
    public const string HostVariable = "NEGOTIATION_CLUSTER_HOST";
    public const string PortVariable = "NEGOTIATION_CLUSTER_PORT";
    public const int DefaultPort = 4053;

    public static Command Create(CliContext cli)
    {
        var seeds = new Option<string?>("--seed-nodes") { Description = $"HOST:PORT,...: members to join the cluster through; a seed node lists itself (default: ${SeedsVariable})" };
        var port = new Option<int?>("--port") { Description = $"the port the cluster reaches this node at (default: ${PortVariable}, or {DefaultPort})" };
        var host = new Option<string?>("--host") { Description = $"the address the cluster reaches this node at (default: ${HostVariable}; else 127.0.0.1 when the seed nodes are on loopback, or this machine's address)" };
        var db = Options.Db();
        db.Description = "Npgsql connection string of the PostgreSQL event store this node stores runs in (default: $NEGOTIATION_DB; neither: the database the sweep names)";
        var command = new Command("node", "join a cluster as a worker node that plays its share of the sweeps run with `sweep --cluster`") { seeds, port, host, db };
        command.SetAction(async (parse, ct) =>
        {
            var seedList = parse.GetValue(seeds) ?? Environment.GetEnvironmentVariable(SeedsVariable);
            if (string.IsNullOrWhiteSpace(seedList)) throw new BadInputException($"--seed-nodes: give HOST:PORT,... (or set {SeedsVariable}); the first node lists its own address");
            var listen = parse.GetValue(port) ?? (int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var fromEnvironment) ? fromEnvironment : DefaultPort);
            if (listen is < 1 or > 65535) throw new BadInputException($"--port {listen}: from 1 to 65535");
            var settings = ClusterSettings.Parse(seedList, parse.GetValue(host) ?? Environment.GetEnvironmentVariable(HostVariable), listen, out var problem);
            if (problem is not null) throw new BadInputException($"--seed-nodes {problem}");
            if (!settings.PortIsFree()) throw new BadInputException($"--port {listen}: in use on {settings.BindHost} (another node?); give another port");

            await using var node = await ClusterNodes.StartWorkerAsync(settings, new ClusterWork(Stores.ConnectionString(parse.GetValue(db))),
                line => cli.Error.WriteLine($"node: {line}"), ct);
            await cli.Error.WriteLineAsync($"node {node.Address}: joining the cluster through {string.Join(", ", settings.SeedNodes.Select(s => $"{s.Host}:{s.Port}"))}");
            var up = node.UpAsync(ct);
            var ended = await Task.WhenAny(up, node.Stopped, Task.Delay(Timeout.Infinite, ct));
            if (ended == up) await cli.Output.WriteLineAsync($"node {node.Address}: up, waiting for sweeps (Ctrl-C leaves the cluster)");
            try
            {
                await Task.WhenAny(node.Stopped, Task.Delay(Timeout.Infinite, ct)).Unwrap();
            }
            catch (OperationCanceledException)
            {
                await cli.Error.WriteLineAsync($"node {node.Address}: leaving the cluster");
                return ExitCodes.Done;
            }
            // The others downed it (it was unreachable too long): a worker that is not in the cluster plays nothing.
            await cli.Error.WriteLineAsync($"negotiate: node {node.Address}: removed from the cluster; start it again to rejoin");
            return ExitCodes.DifferenceOrFailure;
        });
        return command;
    }
}
