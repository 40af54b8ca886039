using System.CommandLine;
using Negotiation.Cli.Commands;
using Negotiation.Persistence;
using Spectre.Console;

namespace Negotiation.Cli;

/// <summary>
/// The <c>negotiate</c> command line (cli.md). Rendering and wiring only: every decision is the core's.
/// Errors the user can fix print one line and exit 2; an unreachable database exits 3; no stack traces.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool outputRedirected = true, CancellationToken ct = default, TextReader? input = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = outputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = outputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (outputRedirected) console.Profile.Width = 180;
        var context = new CliContext(console, output, error, input ?? Console.In, input is not null || Console.IsInputRedirected)
        {
            Terminal = !outputRedirected && !Console.IsErrorRedirected,
        };

        var root = new RootCommand("negotiate: simulate, replay, verify and fork government procurement negotiations")
        {
            RunCommand.Create(context),
            ValidateCommand.Create(context),
            ReplayCommand.Create(context),
            VerifyCommand.Create(context),
            ListCommand.Create(context),
            ResumeCommand.Create(context),
            ForkCommand.Create(context),
            SweepCommand.Create(context),
            PlotCommand.Create(context),
            DbCommand.Create(context),
            ServeCommand.Create(context),
            ReportCommand.Create(context),
            BriefCommand.Create(context),
            NodeCommand.Create(context),
        };

        var plain = new Option<bool>("--plain") { Description = "the minutes in plain sentences, repeated rounds folded, red lines and terms by their labels", Recursive = true };
        var width = new Option<int?>("--width") { Description = "wrap output at this many columns (default: the terminal's, or 180 when output is redirected)", Recursive = true };
        root.Options.Add(plain);
        root.Options.Add(width);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync($"negotiate: error: {e.Message}");
            await error.WriteLineAsync("negotiate: see `negotiate --help`");
            return ExitCodes.BadInput;
        }

        context.Plain = parsed.GetValue(plain);
        if (parsed.GetValue(width) is { } columns)
        {
            if (columns < 40) return await BadAsync(error, $"--width {columns}: at least 40 columns");
            console.Profile.Width = columns;
        }

        try
        {
            // Signals are the program's own (Program.cs): System.CommandLine's handler would cancel the command first,
            // and a run stopped by it would not yet count as cancelled here.
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, ct);
        }
        catch (BadInputException e)
        {
            await error.WriteLineAsync(e.Message);
            return ExitCodes.BadInput;
        }
        catch (DatabaseRightsException e)
        {
            await error.WriteLineAsync($"negotiate: {e.Message}");
            return ExitCodes.DatabaseUnreachable;
        }
        catch (DatabaseUnavailableException e)
        {
            await error.WriteLineAsync($"negotiate: {e.Message}");
            return ExitCodes.DatabaseUnreachable;
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is Actors.RunFailedException or OperationCanceledException)
        {
            // The run's actors stop with the host when a signal arrives: that is the cancellation, not a failure.
            await error.WriteLineAsync("negotiate: cancelled; every round already stored is kept (`negotiate resume RUN` continues a stored run)");
            return ExitCodes.DifferenceOrFailure;
        }
        catch (Actors.RunFailedException e)
        {
            await error.WriteLineAsync($"negotiate: {e.Message}");
            return ExitCodes.DifferenceOrFailure;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("negotiate: cancelled; every round already stored is kept (`negotiate resume RUN` continues a stored run)");
            return ExitCodes.DifferenceOrFailure;
        }
        catch (Exception e)
        {
            // Never a stack trace for a user: one line, and the run's stored events stay as they are.
            await error.WriteLineAsync($"negotiate: failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            return ExitCodes.DifferenceOrFailure;
        }
    }

    private static async Task<int> BadAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"negotiate: error: {message}");
        return ExitCodes.BadInput;
    }
}

/// <summary>What every command writes to.</summary>
/// <param name="EchoInput">the input is not a keyboard, so what is read is echoed after its prompt</param>
public sealed record CliContext(IAnsiConsole Console, TextWriter Output, TextWriter Error, TextReader Input, bool EchoInput)
{
    /// <summary>`--plain`: the minutes as plain sentences (see <see cref="Core.Reports.PlainMinutes"/>).</summary>
    public bool Plain { get; set; }

    /// <summary>A person is watching a terminal: progress may be shown on standard error.</summary>
    public bool Terminal { get; init; }
}
