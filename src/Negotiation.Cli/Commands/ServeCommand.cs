using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using Negotiation.Actors;
using Negotiation.Classroom;

namespace Negotiation.Cli.Commands;

/// <summary>`negotiate serve`: the class server of classroom.md, storing its runs where `run` stores them.</summary>
internal static class ServeCommand
{
    public const string KeyVariable = "NEGOTIATION_INSTRUCTOR_KEY";

    public static Command Create(CliContext cli)
    {
        var port = new Option<int>("--port") { Description = "the port to listen on", DefaultValueFactory = _ => 5080 };
        var host = new Option<string>("--host") { Description = "the address to listen on (0.0.0.0 lets a class on the same network join)", DefaultValueFactory = _ => "127.0.0.1" };
        var scenarios = new Option<string>("--scenarios") { Description = "the folder of scenario files an instructor can pick", DefaultValueFactory = _ => "scenarios" };
        var sessionsFolder = new Option<string?>("--sessions") { Description = "the folder where sessions are kept across restarts (default: .negotiation/sessions, or NEGOTIATION_SESSIONS)" };
        var publicUrl = new Option<string?>("--public-url") { Description = "the base of every link printed and shown, as students reach the server (default: the address it listens on)" };
        var db = Options.Db();
        var command = new Command("serve", "run a class session server: groups play from their browsers, the instructor follows them live") { port, host, scenarios, sessionsFolder, publicUrl, db };
        command.SetAction(async (parse, ct) =>
        {
            var address = parse.GetValue(host)!;
            if (!IPAddress.TryParse(address, out var ip)) throw new BadInputException($"--host {address}: an IP address, such as 127.0.0.1 or 0.0.0.0");
            var listen = parse.GetValue(port);
            if (listen is < 1 or > 65535) throw new BadInputException($"--port {listen}: from 1 to 65535");
            var folder = parse.GetValue(scenarios)!;
            if (!Directory.Exists(folder)) throw new BadInputException($"--scenarios {folder}: no such folder");
            var key = Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } given ? given : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var publicBase = parse.GetValue(publicUrl);
            if (publicBase is not null && !(Uri.TryCreate(publicBase, UriKind.Absolute, out var publicUri) && publicUri.Scheme is "http" or "https"))
                throw new BadInputException($"--public-url {publicBase}: an http or https address, such as http://192.168.1.20:5080");

            await using var stores = await Stores.OpenAsync(Stores.ConnectionString(parse.GetValue(db)), ct);
            var keep = parse.GetValue(sessionsFolder) ?? Environment.GetEnvironmentVariable("NEGOTIATION_SESSIONS") ?? Path.Combine(".negotiation", "sessions");
            // One host: the web server carries the engine's actor system (issue 18).
            var (app, _, restored) = await ClassServer.StartAsync(new ServeOptions(address, listen, key, Path.GetFullPath(folder)) { PublicUrl = publicBase?.TrimEnd('/') },
                stores.Store, new SeatDesk(), Path.GetFullPath(keep), ct);
            await using var _app = app;
            if (key.Length < 16)
                await cli.Error.WriteLineAsync($"negotiate: warning: the instructor key is {key.Length} character{(key.Length == 1 ? "" : "s")} long: whoever guesses it runs the class; use 16 or more (or leave {KeyVariable} unset for a generated one)");
            if (!IPAddress.IsLoopback(ip))
                await cli.Error.WriteLineAsync($"negotiate: warning: listening on {address}: anyone on this network can reach the server; seat codes and the instructor key guard it");
            var shown = IPAddress.Any.Equals(ip) ? "127.0.0.1" : address;
            await cli.Output.WriteLineAsync($"class server on http://{shown}:{listen}, runs in {stores.Where}, sessions in {Path.GetFullPath(keep)} ({restored} taken up)");
            // classroom.md 1.1: every link starts with the public URL; without one, with the address it listens on.
            var root = publicBase?.TrimEnd('/') ?? $"http://{shown}:{listen}";
            await cli.Output.WriteLineAsync($"instructor: {root}/?key={key}");
            await cli.Output.WriteLineAsync($"API key: Authorization: Bearer {key}");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Done;
        });
        return command;
    }
}
