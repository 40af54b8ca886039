using System.Runtime.InteropServices;
using Negotiation.Cli;

// Ctrl-C and SIGTERM cancel the command: a run stops between rounds with every whole round stored.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

return await CliApp.RunAsync(args, Console.Out, Console.Error, Console.IsOutputRedirected, cancel.Token);
