using System.CommandLine;
using Negotiation.Scenarios;

namespace Negotiation.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var files = new Argument<string[]>("FILE") { Description = "scenario files to check", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "check scenario files; prints every problem found") { files };
        command.SetAction(async (parse, _) =>
        {
            var problems = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var loaded = ScenarioLoader.Load(file);
                foreach (var e in loaded.Errors) await cli.Error.WriteLineAsync(e.ToString());
                problems += loaded.Errors.Count;
                if (loaded.Ok) await cli.Output.WriteLineAsync($"{file}: ok");
            }
            return problems == 0 ? ExitCodes.Done : ExitCodes.BadInput;
        });
        return command;
    }
}
