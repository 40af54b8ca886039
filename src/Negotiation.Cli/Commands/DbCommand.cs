using System.CommandLine;
using Negotiation.Persistence;

namespace Negotiation.Cli.Commands;

/// <summary>An addition to cli.md: `db script` prints the SQL that creates the event store, for an administrator to run.</summary>
internal static class DbCommand
{
    public static Command Create(CliContext cli)
    {
        var role = new Option<string?>("--role") { Description = "also grant this role what it needs to use the store (it needs no CREATE right)" };
        var script = new Command("script", "print the SQL that creates the event store's schema (for a role without CREATE rights, run by an administrator)") { role };
        script.SetAction(async (parse, _) =>
        {
            await cli.Output.WriteLineAsync(MartenEventStore.SchemaScript(role: parse.GetValue(role)));
            return ExitCodes.Done;
        });
        return new Command("db", "the PostgreSQL event store") { script };
    }
}
