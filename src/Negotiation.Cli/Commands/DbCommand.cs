using System.CommandLine;
using Negotiation.Persistence;

namespace Negotiation.Cli.Commands;

/// <summary>An addition to cli.md: `db script` prints the SQL that creates the event store, for an administrator to run.</summary>
internal static class DbCommand
{
    public static Command Create(CliContext cli)
    {
        var script = new Command("script", "print the SQL that creates the event store's schema (for a role without CREATE rights, run by an administrator)");
        script.SetAction(async (_, _) =>
        {
            await cli.Output.WriteLineAsync(MartenEventStore.SchemaScript());
            return ExitCodes.Done;
        });
        return new Command("db", "the PostgreSQL event store") { script };
    }
}
