using System.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Negotiation.Testing;

/// <summary>
/// The real PostgreSQL every storage test runs against, found in this order: the connection string in
/// <c>NEGOTIATION_TEST_DB</c>; a Testcontainers container when a Docker engine answers; a throwaway local
/// cluster started from the PostgreSQL server binaries on a free port of 127.0.0.1. One per test process;
/// each test class creates its own database on it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "NEGOTIATION_TEST_DB";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _shared;

    private readonly Func<Task> _stop;

    private PostgresServer(string adminConnectionString, string description, Func<Task> stop)
    {
        AdminConnectionString = adminConnectionString;
        Description = description;
        _stop = stop;
    }

    public string AdminConnectionString { get; }

    public string Description { get; }

    public static async Task<PostgresServer> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            _shared = await StartAsync();
            Log($"storage tests use {_shared.Description}");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh, empty database for one test class; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return new PostgresServer(fromEnvironment, $"the PostgreSQL in {EnvironmentVariable}", () => Task.CompletedTask);

        if (DockerMayAnswer())
        {
            try
            {
                var container = new PostgreSqlBuilder("postgres:17").Build();
                await container.StartAsync();
                return new PostgresServer(container.GetConnectionString(), "a Testcontainers postgres:17 container",
                    () => container.DisposeAsync().AsTask());
            }
            catch (Exception e)
            {
                Log($"Docker did not give a PostgreSQL container ({e.GetType().Name}); trying a local cluster");
            }
        }

        return await LocalCluster.StartAsync() ?? throw new InvalidOperationException(
            $"no PostgreSQL for the storage tests: set {EnvironmentVariable}, start a Docker engine, or install the PostgreSQL server (apt-get install postgresql)");
    }

    /// <summary>
    /// A cluster of one test's own, which the test may stop and start again (to lose the database mid-run):
    /// from the local server binaries, or null when there are none.
    /// </summary>
    public static Task<PostgresServer?> DedicatedAsync() => LocalCluster.StartAsync();

    /// <summary>Stops the server abruptly (as a crash or an operator would), keeping its data.</summary>
    public Task StopAsync() => _pause?.Invoke(false) ?? throw new InvalidOperationException("only a dedicated local cluster can be stopped");

    /// <summary>Starts a stopped dedicated server again on the same port.</summary>
    public Task RestartAsync() => _pause?.Invoke(true) ?? throw new InvalidOperationException("only a dedicated local cluster can be restarted");

    private Func<bool, Task>? _pause;

    private static bool DockerMayAnswer() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    internal static void Log(string line)
    {
        Console.Error.WriteLine($"[postgres] {line}");
        if (Environment.GetEnvironmentVariable("NEGOTIATION_PG_LOG") is { Length: > 0 } path)
            File.AppendAllText(path, $"{line}{Environment.NewLine}");
    }

    public async ValueTask DisposeAsync()
    {
        var stop = Interlocked.Exchange(ref _stopped, 1) == 0 ? _stop : null;
        if (stop is not null) await stop();
    }

    private int _stopped;

    /// <summary>A throwaway cluster from initdb and pg_ctl, run as the postgres user when we are root.</summary>
    private static class LocalCluster
    {
        public static async Task<PostgresServer?> StartAsync()
        {
            var bin = FindBinaries();
            if (bin is null) return null;
            var dir = Directory.CreateTempSubdirectory("negotiation-pg-").FullName;
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", dir]);
                await RunAsync("chmod", ["755", dir]);
            }
            var data = Path.Combine(dir, "data");
            var port = Ports.Free();
            await Pg(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
            await Pg(asRoot, Path.Combine(bin, "pg_ctl"),
                ["-D", data, "-l", Path.Combine(dir, "log"), "-w", "-t", "60",
                 "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start"]);
            var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40";
            var options = $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300";
            var server = new PostgresServer(connection, $"a local PostgreSQL cluster ({bin}) on 127.0.0.1:{port}", async () =>
            {
                try
                {
                    await Pg(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
                }
                catch (InvalidOperationException)
                {
                    // Already stopped by a test.
                }
                Directory.Delete(dir, recursive: true);
            });
            server._pause = start => start
                ? Pg(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(dir, "log"), "-w", "-t", "60", "-o", options, "start"])
                : Pg(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
            return server;
        }

        private static string? FindBinaries()
        {
            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                .FirstOrDefault(p => File.Exists(Path.Combine(p, "initdb")) && File.Exists(Path.Combine(p, "pg_ctl")));
            if (onPath is not null) return onPath;
            const string root = "/usr/lib/postgresql";
            return Directory.Exists(root)
                ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
                : null;
        }

        private static Task Pg(bool asRoot, string tool, string[] args) =>
            asRoot ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. args]) : RunAsync(tool, args);

        private static async Task RunAsync(string file, string[] args)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
