using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Negotiation.Cli.Tests;

/// <summary>
/// The real `negotiate` in a process of its own, every line it writes kept, so a test can wait for the line that
/// says a thing happened (never for a time to pass). Killed (with SIGKILL) when disposed if still running.
/// </summary>
internal sealed class ClusterProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly System.Text.StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly Task _out;
    private readonly Task _err;

    public ClusterProcess(string name, IDictionary<string, string?> environment, params string[] args)
    {
        Name = name;
        _process = Cli.Start(environment, args);
        _out = Pump(_process.StandardOutput, _output);
        _err = Pump(_process.StandardError, null);
    }

    public string Name { get; }

    public string Text
    {
        get
        {
            lock (_gate) return string.Join('\n', _lines);
        }
    }

    /// <summary>What it wrote to standard output alone, each line ended by a line feed.</summary>
    public string Output
    {
        get
        {
            lock (_gate) return _output.ToString();
        }
    }

    /// <summary>Waits for a line that holds <paramref name="text"/>; fails with everything written so far if the process ends first or the time runs out.</summary>
    public Task WaitForAsync(string text, TimeSpan within) => WaitForAsync(new Regex(Regex.Escape(text)), within);

    /// <summary>Waits for a line that matches <paramref name="line"/>.</summary>
    public async Task WaitForAsync(Regex line, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!line.IsMatch(Text))
        {
            if (_process.HasExited) await Task.WhenAll(_out, _err);
            if (line.IsMatch(Text)) return;
            if (_process.HasExited || clock.Elapsed > within)
                Assert.Fail($"{Name} did not write a line like \"{line}\" ({(_process.HasExited ? $"exited with {_process.ExitCode}" : $"still running after {within}")}):\n{Text}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits for the process to end; fails with everything it wrote if it has not within the time given.</summary>
    public async Task<int> ExitAsync(TimeSpan within)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{Name} still running after {within}:\n{Text}");
        }
        await Task.WhenAll(_out, _err);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no goodbye to the cluster, no chance to finish anything.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private async Task Pump(StreamReader reader, System.Text.StringBuilder? keep)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (_gate)
            {
                _lines.Add(line);
                keep?.Append(line).Append('\n');
            }
    }
}
